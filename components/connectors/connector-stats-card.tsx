import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatCount } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";

type Props = Readonly<{ connector: TConnectorDto; requestBudget: number }>;

/** Volumes and API usage: what was stored, skipped and dropped, and the key's rate budget. */
export function ConnectorStatsCard({ connector, requestBudget }: Props) {
  const { stats } = connector;
  return (
    <Card title="Activity and API usage" description="Counts since the connector was created; requests are shared by every worker using this key.">
      <DescriptionList
        items={[
          { label: "Activities stored", value: formatCount(stats.activitiesStored), testId: "stat-activities-stored" },
          { label: "Activities in the last 24 h", value: formatCount(stats.activitiesLast24h), testId: "stat-activities-24h" },
          { label: "Users synced", value: formatCount(stats.usersSynced), testId: "stat-users-synced" },
          {
            label: "Duplicates skipped",
            value: formatCount(stats.duplicatesSkipped),
            hint: "Already stored; each activity is kept once",
            testId: "stat-duplicates",
          },
          {
            label: "Dropped: unverified domain",
            value: formatCount(stats.droppedUnverifiedDomain),
            hint: "Actors outside the organization's verified domains",
            testId: "stat-dropped",
          },
          {
            label: "Quarantined: unexpected shape",
            value: formatCount(stats.eventsQuarantined),
            hint: "Set aside with the reason (listed below); the rest of their page was stored",
            testId: "stat-quarantined",
          },
          {
            label: "Requests in the last minute",
            value: (
              <>
                <span data-testid="stat-requests">{`${formatCount(stats.requestsLastMinute)} / ${formatCount(requestBudget)}`}</span>
                <div className="mt-1 ml-auto w-28">
                  <ProgressBar label="Share of the request budget used" percent={(stats.requestsLastMinute / requestBudget) * 100} />
                </div>
              </>
            ),
            hint: "The budget per API key, shared by all workers",
          },
          { label: "429 responses (rate limited)", value: formatCount(stats.rateLimitedResponses), testId: "stat-429" },
        ]}
      />
    </Card>
  );
}
