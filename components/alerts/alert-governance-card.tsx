"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { governanceLogQuery } from "@/lib/client/queries/governance";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto, type TTriggeredBy } from "@/lib/shared/schemas/governance";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import { GovernanceActions } from "../governance/governance-actions";
import { GovernanceRowActions } from "../governance/governance-row-actions";
import { GovernanceStatusBadge } from "../governance/governance-status-badge";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { alertUserLabel } from "./alert-format";

const triggeredBy = (t: TTriggeredBy): string => (t.kind === "person" ? t.email : t.kind === "policy" ? `Policy: ${t.policyName}` : "Watchpost");

/** One log entry, compact for the side column (the /governance page has the full table). */
function LogEntry({ entry, canAct }: Readonly<{ entry: TGovernanceActionDto; canAct: boolean }>) {
  return (
    <li data-testid="alert-governance-entry" data-action={entry.action} data-status={entry.status} className="space-y-1 py-2 text-sm">
      <div className="flex items-start justify-between gap-2">
        <span className="font-medium">{GOVERNANCE_ACTION_LABELS[entry.action]}</span>
        <GovernanceStatusBadge entry={entry} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {triggeredBy(entry.triggeredBy)} ·{" "}
        <LocalTime iso={entry.createdAt} />
        {entry.completedAt ? (
          <>
            {" "}
            · done <LocalTime iso={entry.completedAt} />
          </>
        ) : null}
      </p>
      {entry.reason ? <p className="text-xs break-words text-slate-600 dark:text-slate-300">Reason: {entry.reason}</p> : null}
      {canAct ? <GovernanceRowActions entry={entry} /> : null}
    </li>
  );
}

/** The governance actions for the alert's user (analysts, admins) and the governance log entries linked to this alert. */
export function AlertGovernanceCard({ alert, canAct }: Readonly<{ alert: TAlertDetailDto; canAct: boolean }>) {
  const log = useInfiniteQuery(governanceLogQuery({ alertId: alert.id }, 20));
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  const accountId = alert.user.accountId;
  return (
    <Card title="Governance" description="Actions against this user in Atlassian, run by the worker and recorded in the governance log.">
      <div className="space-y-4">
        {accountId ? (
          <GovernanceActions
            connectorId={alert.connectorId}
            accountId={accountId}
            alertId={alert.id}
            userLabel={alertUserLabel(alert.user)}
            userStatus={alert.context.userStatus ?? undefined}
            canAct={canAct}
          />
        ) : canAct ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">This alert names no Atlassian account, so there is no one to act on.</p>
        ) : null}
        <section aria-label="Governance log">
          <h3 className="text-sm font-semibold">Governance log for this alert</h3>
          <QueryState isPending={log.isPending} error={log.error} onRetry={() => void log.refetch()}>
            {entries.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">No governance actions for this alert.</p>
            ) : (
              <ul className="divide-y divide-slate-200 dark:divide-slate-800">
                {entries.map((e) => (
                  <LogEntry key={e.id} entry={e} canAct={canAct} />
                ))}
              </ul>
            )}
            <LoadMore query={log} className="mt-2" />
          </QueryState>
        </section>
      </div>
    </Card>
  );
}
