"use client";

import { useState } from "react";
import { useEndProxySession } from "@/lib/client/hooks/use-session-proxy-mutations";
import { formatBytes } from "@/lib/shared/format-bytes";
import type { TProxySessionDto } from "@/lib/shared/schemas/proxy-sessions";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DataTable } from "../ui/data-table";
import { formatCount, formatDateTime } from "../ui/format";

const STATUS: Record<TProxySessionDto["status"], { label: string; tone: BadgeTone }> = {
  live: { label: "Live", tone: "green" },
  idle: { label: "Idle", tone: "amber" },
  ended: { label: "Ended", tone: "neutral" },
};

const userOf = (s: TProxySessionDto) => s.userEmail ?? s.userName ?? "anonymous";

type Props = Readonly<{ sessions: readonly TProxySessionDto[]; canEnd: boolean; showConnector: boolean }>;

/** Proxied sessions with **End session** (confirmed) on live and idle ones. */
export function SessionsTable({ sessions, canEnd, showConnector }: Props) {
  const [ending, setEnding] = useState<TProxySessionDto | null>(null);
  const mutation = useEndProxySession();
  const columns = ["User", "Device", "IP", "Site", "Started", "Last activity", "Requests", "Downloads", "Sent", "Status", ""];
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={columns.map((label) => ({ label }))}>
        {sessions.map((s) => (
          <tr key={s.id} data-testid="proxy-session">
            <td className="py-2 pr-4">
              <div className="font-medium">{userOf(s)}</div>
              {s.userName && s.userEmail ? <div className="text-xs text-slate-500">{s.userName}</div> : null}
            </td>
            <td className="py-2 pr-4">
              <Badge tone={s.deviceManaged ? "green" : "amber"}>{s.deviceManaged ? "Managed" : "Unmanaged"}</Badge>
              {s.deviceSubject ? <div className="mt-1 font-mono text-xs">{s.deviceSubject}</div> : null}
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">
              {s.ip ?? "—"}
              {s.countryCode ? <span className="ml-1 text-xs text-slate-500">{s.countryCode}</span> : null}
            </td>
            <td className="py-2 pr-4 font-mono text-xs">
              {s.siteHost}
              {showConnector ? <div className="font-sans text-slate-500">{s.connectorName}</div> : null}
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(s.startedAt)}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(s.lastActivityAt)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatCount(s.requests)}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatCount(s.downloads)}</td>
            <td className="py-2 pr-4 text-right whitespace-nowrap tabular-nums">{formatBytes(s.bytesSent)}</td>
            <td className="py-2 pr-4">
              <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].label}</Badge>
            </td>
            <td className="py-2 text-right">
              {canEnd && s.status !== "ended" ? (
                <Button variant="secondary" aria-label={`End session of ${userOf(s)}`} onClick={() => setEnding(s)}>
                  End session
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {ending ? (
        <ConfirmDialog
          title={`End the session of ${userOf(ending)}?`}
          confirmLabel="End session"
          isBusy={mutation.isPending}
          onClose={() => setEnding(null)}
          onConfirm={() => mutation.mutate(ending.id, { onSettled: () => setEnding(null) })}
        >
          <p>The next request of this session must sign in to {ending.siteHost} again.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
