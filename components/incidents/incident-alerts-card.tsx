import Link from "next/link";
import type { TIncidentAlertDto } from "@/lib/shared/schemas/incidents";
import { ActivitySpan } from "../alerts/activity-span";
import { AlertStatusBadge } from "../alerts/alert-status-badge";
import { SeverityBadge } from "../alerts/severity-badge";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";

/** The alerts the incident holds, each linking to its alert page. */
export function IncidentAlertsCard({ alerts }: Readonly<{ alerts: readonly TIncidentAlertDto[] }>) {
  return (
    <Card title="Alerts" description="The alerts grouped into this incident, oldest first. Each keeps its own page, notifications and policy actions.">
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No alerts in this incident.</p>
      ) : (
        <DataTable label="Alerts of the incident" columns={[{ label: "Severity" }, { label: "Alert" }, { label: "First / last activity" }, { label: "Status" }]}>
          {alerts.map((a) => (
            <tr key={a.id} data-testid="incident-alert-row">
              <td className="py-2 pr-4 align-top">
                <SeverityBadge severity={a.severity} />
              </td>
              <td className="min-w-60 py-2 pr-4 align-top">
                <p className="text-xs font-medium text-slate-500 dark:text-slate-400">{a.policyName}</p>
                <Link href={`/alerts/${a.id}`} className="font-medium break-words text-brand-700 hover:underline dark:text-sky-300">
                  {a.title}
                </Link>
              </td>
              <td className="py-2 pr-4 align-top text-xs whitespace-nowrap">
                <ActivitySpan first={a.firstActivityAt} last={a.lastActivityAt} />
              </td>
              <td className="py-2 align-top whitespace-nowrap" data-testid="incident-alert-status">
                <AlertStatusBadge status={a.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
