import type { Metadata } from "next";
import { IncidentSettingsButton } from "@/components/incidents/incident-settings-button";
import { IncidentsView } from "@/components/incidents/incidents-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { hasRole } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const principal = await requirePageUser({ path: "/incidents" });
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Each Atlassian account's alerts within the grouping window, as one incident, most worrying first. Resolving an incident resolves its open alerts."
        actions={hasRole(principal.role, "admin") ? <IncidentSettingsButton /> : null}
      />
      <IncidentsView canAct={hasRole(principal.role, "analyst")} />
    </>
  );
}
