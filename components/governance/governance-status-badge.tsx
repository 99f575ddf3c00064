import type { TGovernanceActionDto } from "@/lib/shared/schemas/governance";
import { Badge } from "../ui/badge";

/** Pending (or Retrying after a failed attempt), Succeeded, Failed; the error below it. */
export function GovernanceStatusBadge({ entry }: Readonly<{ entry: TGovernanceActionDto }>) {
  const isRetrying = entry.status === "pending" && entry.attempts > 0 && entry.error;
  const badge =
    entry.status === "succeeded" ? (
      <Badge tone="green">Succeeded</Badge>
    ) : entry.status === "failed" ? (
      <Badge tone="red">Failed</Badge>
    ) : (
      <Badge tone="amber">{isRetrying ? "Retrying" : "Pending"}</Badge>
    );
  return (
    <div className="space-y-1">
      {badge}
      {entry.error ? <p className="max-w-xs text-xs text-red-700 dark:text-red-300">{entry.error}</p> : null}
    </div>
  );
}
