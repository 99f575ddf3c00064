import { syncProgress } from "@/lib/shared/connector-insights";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { formatCount, formatDate, formatDuration } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";

/** The first sync's progress: what is stored so far and a rough % and ETA (syncFrom → newest stored → now). */
export function SyncProgress({ connector, now }: Readonly<{ connector: TConnectorDto; now: Date }>) {
  const progress = syncProgress(connector, now);
  const range = connector.backfillDays > 0 ? `the last ${connector.backfillDays} day(s), since ${formatDate(connector.syncFrom)}` : "activity since connecting";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">First sync: {range}</span>
        <span className="tabular-nums text-slate-600 dark:text-slate-400">{progress.percent === null ? "Starting…" : `about ${Math.floor(progress.percent)}%`}</span>
      </div>
      <ProgressBar label="First sync progress" percent={progress.percent} />
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {formatCount(connector.stats.activitiesStored)} activities stored · {formatCount(connector.stats.usersSynced)} users synced
        {progress.activitiesPerSecond !== null ? ` · ${formatCount(Math.round(progress.activitiesPerSecond))} activities/s` : ""}
        {progress.etaSeconds !== null ? ` · about ${formatDuration(progress.etaSeconds)} left` : ""}
      </p>
    </div>
  );
}
