import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatDate, formatDateTime, formatDuration, formatRelative } from "../ui/format";

const when = (iso: string | null, now: Date, never = "Not yet") =>
  iso ? (
    <span title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </span>
  ) : (
    never
  );

/** The three clocks of an activity (event time, Atlassian's processedAt, stored at) condensed into lag. */
export function SyncHealthCard({ connector, now }: Readonly<{ connector: TConnectorDto; now: Date }>) {
  return (
    <Card
      title="Sync health"
      description="Each activity has an event time, the time Atlassian processed it (processedAt) and the time Watchpost stored it. Lag is how far the stored activity trails Atlassian."
    >
      <DescriptionList
        items={[
          { label: "Lag", value: connector.stats.lagSeconds === null ? "—" : formatDuration(connector.stats.lagSeconds), testId: "stat-lag" },
          { label: "Last successful sync", value: when(connector.lastSyncAt, now) },
          { label: "Newest activity processed by Atlassian", value: when(connector.lastProcessedAt, now, "None yet") },
          { label: "First sync completed", value: when(connector.initialSyncDoneAt, now, "In progress") },
          {
            label: "History backfilled",
            value: connector.backfillDays > 0 ? `${connector.backfillDays} day(s), from ${formatDate(connector.syncFrom)}` : "None (from connect time)",
          },
          { label: "Created", value: when(connector.createdAt, now) },
        ]}
      />
    </Card>
  );
}
