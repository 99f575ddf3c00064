import { ALERT_STATUS_LABELS, SEVERITY_LABELS } from "@/lib/shared/schemas/alerts";
import type { TAtlassianUserDetail } from "@/lib/shared/schemas/atlassian-users";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";

const SEVERITY_TONE = { low: "neutral", medium: "amber", high: "red" } as const;

/** Alerts about this account, newest first. */
export function UserAlertsCard({ alerts }: Readonly<{ alerts: TAtlassianUserDetail["alerts"] }>) {
  return (
    <Card title="Alerts" description="Detections about this account, newest first.">
      {alerts.length === 0 ? (
        <p className="text-sm text-slate-500">No alerts for this account.</p>
      ) : (
        <DataTable columns={[{ label: "Alert" }, { label: "Policy" }, { label: "Severity" }, { label: "Status" }, { label: "Raised" }]}>
          {alerts.map((a) => (
            <tr key={a.id}>
              <td className="py-2 pr-4 font-medium">{a.title}</td>
              <td className="py-2 pr-4">{a.policyName}</td>
              <td className="py-2 pr-4">
                <Badge tone={SEVERITY_TONE[a.severity]}>{SEVERITY_LABELS[a.severity]}</Badge>
              </td>
              <td className="py-2 pr-4">{ALERT_STATUS_LABELS[a.status]}</td>
              <td className="py-2 whitespace-nowrap" title={a.createdAt}>
                {formatDateTime(a.createdAt)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
