import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { PostureView } from "@/components/posture/posture-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { listConnectors } from "@/lib/server/services/connectors/get-connectors";

export const metadata: Metadata = { title: "Posture" };

export default async function PosturePage() {
  const principal = await requirePageUser({ path: "/posture" });
  const connectors = (await listConnectors()).map((c) => ({ id: c.id, name: c.name, missingScopes: c.missingScopes }));
  return (
    <>
      <PageHeader
        title="Posture"
        description="Secure-Score-style recommendations for each connected Atlassian organization, from its synced policies, users, domains and API key."
      />
      <PostureView connectors={connectors} isAdmin={principal.role === "admin"} />
    </>
  );
}
