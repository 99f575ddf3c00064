import type { TIncidentAlertDto, TIncidentTimelineItem } from "@/lib/shared/schemas/incidents";
import { countryName } from "../alerts/alert-format";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatCount } from "../ui/format";
import { LocalTime } from "../ui/local-time";

type Props = Readonly<{ timeline: readonly TIncidentTimelineItem[]; isTruncated: boolean; alerts: readonly TIncidentAlertDto[] }>;

const place = (item: TIncidentTimelineItem) => (item.countryCode ? [item.city, countryName(item.countryCode)].filter(Boolean).join(", ") : "—");

/** Its alerts' activities merged in event-time order, each naming the policies whose alert it is behind. */
export function IncidentTimelineCard({ timeline, isTruncated, alerts }: Props) {
  const policyOf = new Map(alerts.map((a) => [a.id, a.policyName]));
  return (
    <Card
      title="Timeline"
      description={`${formatCount(timeline.length)} ${timeline.length === 1 ? "activity" : "activities"} behind this incident's alerts, oldest first.${isTruncated ? " Only the latest 500 are shown: each alert's page lists all of its own." : ""}`}
    >
      {timeline.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No activities are linked to the alerts of this incident.</p>
      ) : (
        <DataTable label="Incident timeline" columns={[{ label: "Time" }, { label: "Activity" }, { label: "Location" }, { label: "IP" }, { label: "Alert" }]}>
          {timeline.map((item) => (
            <tr key={item.activityId} data-testid="incident-timeline-item">
              <td className="py-1.5 pr-4 align-top whitespace-nowrap">
                <LocalTime iso={item.eventTime} />
              </td>
              <td className="py-1.5 pr-4 align-top">{item.actionLabel}</td>
              <td className="py-1.5 pr-4 align-top">{place(item)}</td>
              <td className="py-1.5 pr-4 align-top font-mono text-xs">{item.ip ?? "—"}</td>
              <td className="py-1.5 align-top text-xs text-slate-600 dark:text-slate-300">{item.alertIds.map((id) => policyOf.get(id) ?? "Alert").join(", ")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
