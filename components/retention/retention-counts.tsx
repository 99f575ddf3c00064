import type { TRetentionCounts } from "@/lib/shared/schemas/retention";
import { DescriptionList } from "../ui/description-list";

const n = (value: number) => value.toLocaleString("en-US");

/** What a run removes (or removed), and what it keeps past retention and why. */
export function RetentionCounts({ counts, testIdPrefix }: Readonly<{ counts: TRetentionCounts; testIdPrefix: string }>) {
  const parts = counts.partitions;
  return (
    <DescriptionList
      items={[
        {
          label: "Activities",
          value: n(counts.activities),
          hint: [parts.length > 0 ? `Monthly partitions dropped whole: ${parts.join(", ")}` : null, counts.activitiesKept ? `${n(counts.activitiesKept)} kept for alerts or legal holds` : null]
            .filter(Boolean)
            .join(". ") || undefined,
          testId: `${testIdPrefix}-activities`,
        },
        { label: "Closed alerts", value: n(counts.alerts), hint: counts.alertsKept ? `${n(counts.alertsKept)} kept by legal holds` : undefined, testId: `${testIdPrefix}-alerts` },
        { label: "Incidents left empty", value: n(counts.incidents), testId: `${testIdPrefix}-incidents` },
        { label: "Governance log", value: n(counts.governance), testId: `${testIdPrefix}-governance` },
        { label: "Notification deliveries", value: n(counts.deliveries), testId: `${testIdPrefix}-deliveries` },
        { label: "Portal audit log", value: n(counts.audit), testId: `${testIdPrefix}-audit` },
      ]}
    />
  );
}
