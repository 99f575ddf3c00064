"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useEndProxySession } from "@/lib/client/hooks/use-session-proxy-mutations";
import { alertKeys } from "@/lib/client/queries/alerts";
import { connectorQuery } from "@/lib/client/queries/connectors";
import { governanceBlockReason } from "@/lib/shared/atlassian-scopes";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import type { TGovernanceActionDto } from "@/lib/shared/schemas/governance";
import { GovernanceActionDialog } from "../governance/governance-action-dialog";
import { GovernanceQueuedStatus, useQueuedGovernanceAction } from "../governance/governance-queued-status";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatDateTime } from "../ui/format";
import { alertUserLabel } from "./alert-format";

type Props = Readonly<{ alert: TAlertDetailDto; siteHost: string | null }>;

/** Why End session cannot run, or null when it can. */
const endBlockReason = (alert: TAlertDetailDto): string | null => {
  const session = alert.proxySession;
  if (!session) return "The proxied session of this request is not known (it was never stored, or its connector was deleted)";
  if (session.status === "ended") return `The session already ended${session.endedAt ? ` on ${formatDateTime(session.endedAt)}` : ""}`;
  return null;
};

/** Why Suspend user cannot run, or null when it can. */
const suspendBlockReason = (alert: TAlertDetailDto, missingScopes: readonly string[] | undefined): string | null => {
  if (!alert.user.accountId) return "The request was anonymous (before sign-in): there is no Atlassian user to suspend";
  if (alert.context.userStatus === null) return `${alertUserLabel(alert.user)} is not in this organization's synced directory: Watchpost cannot suspend an unknown user`;
  if (alert.context.userStatus === "suspended") return `${alertUserLabel(alert.user)} is already suspended`;
  return missingScopes ? governanceBlockReason("suspend_user", missingScopes) : null;
};

/**
 * A session alert's two responses in one place: End session (the proxy signs the browser out at its next request) and
 * Suspend user (the governance action, confirmed with a reason). Each is disabled with its reason when it cannot run,
 * and shows its result or its error here.
 */
export function AlertSessionActions({ alert, siteHost }: Props) {
  const queryClient = useQueryClient();
  const end = useEndProxySession();
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [suspending, setSuspending] = useState(false);
  const [queued, setQueued] = useState<TGovernanceActionDto | null>(null);
  const accountId = alert.user.accountId;
  const connector = useQuery({ ...connectorQuery(alert.connectorId), enabled: accountId !== null, refetchInterval: false });
  const suspension = useQueuedGovernanceAction(queued, alert.connectorId, accountId ?? "");
  const session = alert.proxySession;
  const endReason = endBlockReason(alert);
  const suspendReason = suspendBlockReason(alert, connector.data?.missingScopes);
  const user = alertUserLabel(alert.user) === "—" ? "an anonymous user" : alertUserLabel(alert.user);

  const onEnd = () => {
    if (!session) return;
    end.mutate(session.id, {
      onSettled: () => {
        setConfirmingEnd(false);
        void queryClient.invalidateQueries({ queryKey: alertKeys.detail(alert.id) });
      },
    });
  };

  return (
    <section aria-label="Session actions" className="space-y-3">
      <div role="group" aria-label="Respond to this session" className="flex flex-wrap gap-2">
        <Button variant="danger" disabled={endReason !== null || end.isPending} title={endReason ?? undefined} onClick={() => setConfirmingEnd(true)}>
          End session
        </Button>
        <Button variant="danger" disabled={suspendReason !== null || !accountId} title={suspendReason ?? undefined} onClick={() => setSuspending(true)}>
          Suspend user
        </Button>
      </div>
      {endReason || suspendReason ? (
        <ul className="space-y-1 text-sm text-slate-600 dark:text-slate-300" aria-label="Unavailable session actions">
          {endReason ? <li>End session is unavailable. {endReason}.</li> : null}
          {suspendReason ? <li>Suspend user is unavailable. {suspendReason}.</li> : null}
        </ul>
      ) : null}
      {end.isSuccess ? (
        <Alert tone="success">
          Session ended. Its next request to {siteHost ?? "the site"} must sign in again.
        </Alert>
      ) : null}
      {end.isError ? <Alert tone="error">End session failed: {end.error.message}</Alert> : null}
      {suspension ? <GovernanceQueuedStatus entry={suspension} /> : null}
      {confirmingEnd && session ? (
        <ConfirmDialog title={`End the session of ${user}?`} confirmLabel="End session" isBusy={end.isPending} onClose={() => setConfirmingEnd(false)} onConfirm={onEnd}>
          <p>The session proxy drops this browser&apos;s cookies for {siteHost ?? "the site"} at its next request, and the user must sign in again.</p>
        </ConfirmDialog>
      ) : null}
      {suspending && accountId ? (
        <GovernanceActionDialog
          action="suspend_user"
          connectorId={alert.connectorId}
          connectorName={connector.data?.name ?? "this organization"}
          accountId={accountId}
          alertId={alert.id}
          userLabel={user}
          onClose={() => setSuspending(false)}
          onQueued={(entry) => {
            setQueued(entry);
            setSuspending(false);
          }}
        />
      ) : null}
    </section>
  );
}
