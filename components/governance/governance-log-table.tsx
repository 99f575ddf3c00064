"use client";

import Link from "next/link";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto, type TTriggeredBy } from "@/lib/shared/schemas/governance";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { GovernanceRowActions } from "./governance-row-actions";
import { GovernanceStatusBadge } from "./governance-status-badge";

type Props = Readonly<{
  entries: readonly TGovernanceActionDto[];
  /** Analysts and admins get Revert / Confirm suspension. */
  canAct: boolean;
  /** Off on a user's own page, where every row is about that user. */
  showUser?: boolean;
}>;

const triggeredByText = (t: TTriggeredBy): string =>
  t.kind === "person" ? t.email : t.kind === "policy" ? `Policy: ${t.policyName}` : "Watchpost (automatic restore)";

/** What Atlassian answered, in a line: the message, revoked tokens, the notice's channels, a planned restore. */
const outcomeOf = (entry: TGovernanceActionDto): string | null => {
  const r = entry.result;
  const parts: string[] = [];
  if (Array.isArray(r.revokedTokenIds)) parts.push(`${r.revokedTokenIds.length} API token${r.revokedTokenIds.length === 1 ? "" : "s"} revoked`);
  if (typeof r.note === "string") parts.push(r.note);
  if (Array.isArray(r.channels)) parts.push(`Sent via ${r.channels.join(", ")}`);
  if (entry.autoRestoreAt) parts.push(`Restores automatically ${formatDateTime(entry.autoRestoreAt)} unless confirmed`);
  if (entry.revertedById) parts.push("Reverted");
  return parts.length ? parts.join(" · ") : null;
};

/** The governance log: each action, whom it targeted, who or what triggered it, and how it went. */
export function GovernanceLogTable({ entries, canAct, showUser = true }: Props) {
  return (
    <DataTable
      columns={[
        { label: "Time" },
        { label: "Action" },
        ...(showUser ? [{ label: "User" }] : []),
        { label: "Status" },
        { label: "Triggered by" },
        { label: "Alert" },
        ...(canAct ? [{ label: "Actions", isLabelHidden: true }] : []),
      ]}
    >
      {entries.map((entry) => {
        const outcome = outcomeOf(entry);
        return (
          <tr key={entry.id} data-testid="governance-row" data-status={entry.status} className="align-top">
            <td className="py-2 pr-4 whitespace-nowrap" title={entry.createdAt}>
              {formatDateTime(entry.createdAt)}
            </td>
            <td className="py-2 pr-4">
              <span className="font-medium">{GOVERNANCE_ACTION_LABELS[entry.action]}</span>
              {outcome ? <p className="max-w-sm text-xs text-slate-500 dark:text-slate-400">{outcome}</p> : null}
            </td>
            {showUser ? (
              <td className="py-2 pr-4">
                <Link
                  href={`/users?connectorId=${entry.connectorId}&q=${encodeURIComponent(entry.accountId)}`}
                  className="text-brand-600 hover:underline dark:text-sky-300"
                >
                  {entry.user.email ?? entry.user.name ?? entry.accountId}
                </Link>
              </td>
            ) : null}
            <td className="py-2 pr-4">
              <GovernanceStatusBadge entry={entry} />
            </td>
            <td className="py-2 pr-4">
              <span className="block">{triggeredByText(entry.triggeredBy)}</span>
              <span className="block max-w-xs truncate text-xs text-slate-500" title={entry.reason}>
                {entry.reason}
              </span>
            </td>
            <td className="py-2 pr-4">
              {entry.alertId ? (
                <Link href={`/alerts/${entry.alertId}`} className="text-brand-600 hover:underline dark:text-sky-300">
                  View alert
                </Link>
              ) : (
                <span className="text-slate-500 dark:text-slate-400">—</span>
              )}
            </td>
            {canAct ? (
              <td className="py-2 text-right">
                <GovernanceRowActions entry={entry} />
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}
