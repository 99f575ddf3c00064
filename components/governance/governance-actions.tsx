"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { governanceApi } from "@/lib/client/api/governance";
import { connectorQuery } from "@/lib/client/queries/connectors";
import { governanceKeys } from "@/lib/client/queries/governance";
import { governanceBlockReason } from "@/lib/shared/atlassian-scopes";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto, type TGovernanceActionKind } from "@/lib/shared/schemas/governance";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { GovernanceActionDialog } from "./governance-action-dialog";

type Props = Readonly<{
  connectorId: string;
  accountId: string;
  /** Set on an alert page: the action is linked to the alert (its history and the notice's text). */
  alertId?: string;
  /** How the user is named in the confirmation, e.g. their email. */
  userLabel: string;
  /** The Atlassian account status ("active", "suspended"…): Unsuspend is offered only to suspended users. */
  userStatus?: string;
  /** hasRole(principal.role, "analyst"): viewers get nothing rendered. */
  canAct: boolean;
  /** Skips fetching the connector for its name when the page already has it. */
  connectorName?: string;
}>;

/** Watches the queued action until the worker has run it (the log entry is no longer pending). */
function useQueuedAction(queued: TGovernanceActionDto | null, connectorId: string, accountId: string) {
  const queryClient = useQueryClient();
  const entry = useQuery({
    queryKey: [...governanceKeys.log({ connectorId, accountId }), "queued", queued?.id],
    queryFn: async () => (await governanceApi.log({ connectorId, accountId }, null, 20)).data.find((a) => a.id === queued?.id) ?? queued,
    enabled: queued !== null,
    initialData: queued ?? undefined,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? 1_000 : false),
  });
  const status = entry.data?.status;
  useEffect(() => {
    if (status && status !== "pending") {
      void queryClient.invalidateQueries({ queryKey: governanceKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["atlassian-users"] });
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
    }
  }, [status, queryClient]);
  return entry.data ?? null;
}

/**
 * Notify user, Require user to sign in again, Suspend / Unsuspend user for one Atlassian account, each behind a
 * confirmation saying exactly what will happen in Atlassian. Used on the user page and the alert page.
 */
export function GovernanceActions({ connectorId, accountId, alertId, userLabel, userStatus, canAct, connectorName }: Props) {
  const [open, setOpen] = useState<TGovernanceActionKind | null>(null);
  const [queued, setQueued] = useState<TGovernanceActionDto | null>(null);
  // Fetched even when the name is known: the key's missing scopes say which actions it cannot run.
  const connector = useQuery({ ...connectorQuery(connectorId), enabled: canAct, refetchInterval: false });
  const current = useQueuedAction(queued, connectorId, accountId);
  if (!canAct) return null;
  const isSuspended = userStatus === "suspended";
  const actions: TGovernanceActionKind[] = ["notify_user", "require_sign_in", isSuspended ? "unsuspend_user" : "suspend_user"];
  const missingScopes = connector.data?.missingScopes ?? [];
  const blocked = actions.flatMap((action) => {
    const reason = governanceBlockReason(action, missingScopes);
    return reason ? [{ action, reason }] : [];
  });
  return (
    <div className="space-y-3">
      <div role="group" aria-label="Governance actions" className="flex flex-wrap gap-2">
        {actions.map((action) => {
          const reason = blocked.find((b) => b.action === action)?.reason;
          return (
            <Button
              key={action}
              variant={action === "suspend_user" ? "danger" : "secondary"}
              disabled={reason !== undefined}
              title={reason}
              onClick={() => setOpen(action)}
            >
              {GOVERNANCE_ACTION_LABELS[action]}
            </Button>
          );
        })}
      </div>
      {blocked.length > 0 ? (
        <ul className="space-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Unavailable governance actions">
          {blocked.map(({ action, reason }) => (
            <li key={action}>
              {GOVERNANCE_ACTION_LABELS[action]} is unavailable. {reason}.
            </li>
          ))}
        </ul>
      ) : null}
      {current ? <QueuedStatus entry={current} /> : null}
      {open ? (
        <GovernanceActionDialog
          action={open}
          connectorId={connectorId}
          connectorName={connectorName ?? connector.data?.name ?? "this organization"}
          accountId={accountId}
          alertId={alertId}
          userLabel={userLabel}
          onClose={() => setOpen(null)}
          onQueued={(entry) => {
            setQueued(entry);
            setOpen(null);
          }}
        />
      ) : null}
    </div>
  );
}

function QueuedStatus({ entry }: Readonly<{ entry: TGovernanceActionDto }>) {
  const label = GOVERNANCE_ACTION_LABELS[entry.action];
  if (entry.status === "pending") return <Alert tone="info">Queued: {label}. The worker runs it in a moment; the result appears in the governance log.</Alert>;
  if (entry.status === "failed") return <Alert tone="error">{label} failed: {entry.error ?? "unknown error"}</Alert>;
  const note = typeof entry.result.note === "string" ? ` ${entry.result.note}.` : "";
  return <Alert tone="success">{label} succeeded.{note}</Alert>;
}
