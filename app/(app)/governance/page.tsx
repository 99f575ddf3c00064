import type { Metadata } from "next";
import { GovernanceLogView } from "@/components/governance/governance-log-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { hasRole } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Governance log" };

export default async function GovernancePage() {
  const principal = await requirePageUser({ path: "/governance" });
  return (
    <>
      <PageHeader
        title="Governance log"
        description="Notify, require sign-in again, suspend and unsuspend actions run against the Atlassian Admin API, with retries and their results."
      />
      <GovernanceLogView canAct={hasRole(principal.role, "analyst")} />
    </>
  );
}
