import type { TDriftDto } from "@/lib/shared/schemas/posture";
import { STATUS_LABELS } from "@/lib/shared/schemas/posture";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";

/** The met → not met change in effect, with the org audit events (and admins) behind it. */
export function DriftCard({ drift }: Readonly<{ drift: TDriftDto }>) {
  return (
    <Card
      title="Regression"
      description={`Was ${STATUS_LABELS[drift.previousStatus].toLowerCase()}, ${STATUS_LABELS[drift.status].toLowerCase()} since ${formatDateTime(drift.detectedAt)}. A “Security posture regression” alert was raised.`}
    >
      {drift.events.length === 0 ? (
        <p className="text-sm text-slate-500">No org audit event that changes this setting was found around the change.</p>
      ) : (
        <ul aria-label="Changes behind the regression" className="space-y-2 text-sm">
          {drift.events.map((e) => (
            <li key={e.activityId}>
              <span className="font-medium">{e.actionName ?? e.action}</span> by <span className="font-medium">{e.actor.name ?? e.actor.accountId}</span>
              {e.actor.email ? <span className="text-slate-500"> ({e.actor.email})</span> : null}
              <span className="text-slate-500" title={e.at}>
                {" "}
                at {formatDateTime(e.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
