import type { TRetentionRunDto } from "@/lib/shared/schemas/retention";
import { LocalTime } from "../ui/local-time";

const KINDS = [
  ["activities", "activities"],
  ["alerts", "alerts"],
  ["governance", "governance actions"],
  ["deliveries", "deliveries"],
  ["audit", "audit events"],
] as const;

const summaryOf = (details: Record<string, unknown>) =>
  KINDS.map(([key, label]) => `${Number(details[key] ?? 0).toLocaleString("en-US")} ${label}`).join(", ");

export function LastRetentionRuns({ runs }: Readonly<{ runs: readonly TRetentionRunDto[] }>) {
  if (runs.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No run yet: the worker runs retention daily at 03:41 UTC.</p>;
  return (
    <ul className="space-y-2 text-sm" aria-label="Last retention runs">
      {runs.map((run) => (
        <li key={run.at}>
          <LocalTime iso={run.at} /> · {run.actor ? `Run now by ${run.actor}` : "Daily run"}
          <span className="block text-xs text-slate-500 dark:text-slate-400">Removed {summaryOf(run.details)}</span>
        </li>
      ))}
    </ul>
  );
}
