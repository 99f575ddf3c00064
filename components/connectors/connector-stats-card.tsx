import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatCount } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";
import { RateBudgetValue } from "./rate-budget-value";

type Props = Readonly<{ connector: TConnectorDto; now: Date }>;

const FAMILY_LABEL: Record<string, string> = {
  "events-stream": "Budget: events stream",
  events: "Budget: audit-log search (/events)",
  directory: "Budget: users and domains",
  policies: "Budget: policies",
  governance: "Budget: governance calls",
};

/** Volumes and API usage: what was stored, skipped and dropped, and the key's budgets learned from the server. */
export function ConnectorStatsCard({ connector, now }: Props) {
  const { stats } = connector;
  const perUser = connector.rateBudgets.find((b) => b.family === "per-user");
  const requestBudget = perUser?.perMinute ?? 60;
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
            hint: "Across endpoints: the API key's per-user limit, shared by all workers",
          },
          ...connector.rateBudgets
            .filter((budget) => budget.family !== "per-user")
            .map((budget) => ({
              label: FAMILY_LABEL[budget.family] ?? `Budget: ${budget.family}`,
              value: <RateBudgetValue budget={budget} now={now} />,
            })),
          { label: "429 responses (rate limited)", value: formatCount(stats.rateLimitedResponses), testId: "stat-429" },
        ]}
      />
    </Card>
  );
}
