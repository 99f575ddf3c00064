import type { TAlertDto } from "@/lib/shared/schemas/alerts";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatDateTime } from "../ui/format";
import { AlertStatusBadge } from "./alert-status-badge";
import { SeverityBadge } from "./severity-badge";

/** One alert, read-only: what fired, for whom, why (the explanation) and the activities behind it. */
export function AlertDetailView({ alert }: Readonly<{ alert: TAlertDto }>) {
  const user = alert.user.email ?? alert.user.name ?? alert.user.accountId ?? "—";
  return (
    <div className="space-y-6">
      <Card title="Why">
        <p className="text-sm" data-testid="alert-explanation">
          {alert.explanation}
        </p>
      </Card>
      <Card title="Details">
        <DescriptionList
          items={[
            { label: "Severity", value: <SeverityBadge severity={alert.severity} /> },
            { label: "Status", value: <AlertStatusBadge status={alert.status} /> },
            { label: "Policy", value: `${alert.policyName} (${alert.policyKey})` },
            { label: "User", value: alert.user.accountId ? `${user} · ${alert.user.accountId}` : user },
            { label: "First activity", value: formatDateTime(alert.firstActivityAt) },
            { label: "Last activity", value: formatDateTime(alert.lastActivityAt) },
            { label: "Raised", value: formatDateTime(alert.createdAt) },
            { label: "Activities", value: `${alert.activityCount}${alert.activityIds.length < alert.activityCount ? ` (first ${alert.activityIds.length} listed)` : ""}` },
          ]}
        />
      </Card>
      <Card title="Evidence" description="The structured facts behind the explanation, and the ids of the activities in the activity log.">
        <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950">{JSON.stringify({ ...alert.details, activityIds: alert.activityIds }, null, 2)}</pre>
      </Card>
    </div>
  );
}
