"use client";

import { useQuery } from "@tanstack/react-query";
import { connectorHistoryQuery } from "@/lib/client/queries/connectors";
import { CONNECTOR_STATUS_LABELS, type TConnectorHistoryEntry } from "@/lib/shared/schemas/connectors";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { QueryState } from "../ui/query-state";

const TITLES: Record<string, string> = {
  created: "Connector created",
  status_changed: "Status changed",
  api_key_rotated: "API key rotated",
  sync_requested: "Sync requested",
  scopes_checked: "API key scopes checked",
  enabled: "Enabled by an admin",
  disabled: "Paused by an admin",
};

// Whole sentences, so a status word never stands alone as text (tests read the status badge by its text).
const titleOf = (entry: TConnectorHistoryEntry) => {
  if (entry.kind === "status_changed" && entry.status) return `Status changed to ${CONNECTOR_STATUS_LABELS[entry.status]}`;
  return TITLES[entry.kind] ?? entry.kind.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
};

const detailsOf = (entry: TConnectorHistoryEntry) => {
  const parts = [entry.detail];
  if (entry.status && entry.kind !== "status_changed") parts.unshift(`Status: ${CONNECTOR_STATUS_LABELS[entry.status]}`);
  if (entry.actorEmail && !entry.detail?.includes(entry.actorEmail)) parts.push(`by ${entry.actorEmail}`);
  return parts.filter(Boolean).join(" · ");
};

export function ConnectorHistoryCard({ connectorId }: Readonly<{ connectorId: string }>) {
  const history = useQuery(connectorHistoryQuery(connectorId));
  return (
    <Card title="History" description="Status changes, key rotations and admin actions, newest first.">
      <QueryState isPending={history.isPending} error={history.data ? null : history.error} onRetry={() => void history.refetch()}>
        {history.data?.length ? (
          <ol className="max-h-96 divide-y divide-slate-200 overflow-y-auto dark:divide-slate-800">
            {history.data.map((entry) => (
              <li key={entry.id} className="flex flex-col gap-0.5 py-2 text-sm sm:flex-row sm:gap-4">
                <time dateTime={entry.at} className="shrink-0 whitespace-nowrap text-slate-500 tabular-nums sm:w-48 dark:text-slate-400">
                  {formatDateTime(entry.at)}
                </time>
                <div className="min-w-0">
                  <p className="font-medium">{titleOf(entry)}</p>
                  {detailsOf(entry) ? <p className="break-words text-slate-600 dark:text-slate-400">{detailsOf(entry)}</p> : null}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-500">No history yet.</p>
        )}
      </QueryState>
    </Card>
  );
}
