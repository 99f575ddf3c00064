"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { connectorQuery } from "@/lib/client/queries/connectors";
import { governanceBlockReason } from "@/lib/shared/atlassian-scopes";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto, type TGovernanceActionKind } from "@/lib/shared/schemas/governance";
import { Button } from "../ui/button";
import { GovernanceActionDialog } from "./governance-action-dialog";
import { GovernanceQueuedStatus, useQueuedGovernanceAction } from "./governance-queued-status";

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

/**
 * Notify user, Require user to sign in again, Suspend / Unsuspend user for one Atlassian account, each behind a
 * confirmation saying exactly what will happen in Atlassian. Used on the user page and the alert page.
 */
export function GovernanceActions({ connectorId, accountId, alertId, userLabel, userStatus, canAct, connectorName }: Props) {
  const [open, setOpen] = useState<TGovernanceActionKind | null>(null);
  const [queued, setQueued] = useState<TGovernanceActionDto | null>(null);
  // Fetched even when the name is known: the key's missing scopes say which actions it cannot run.
  const connector = useQuery({ ...connectorQuery(connectorId), enabled: canAct, refetchInterval: false });
  const current = useQueuedGovernanceAction(queued, connectorId, accountId);
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
      {current ? <GovernanceQueuedStatus entry={current} /> : null}
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
