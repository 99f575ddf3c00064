"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { connectorsApi } from "@/lib/client/api/connectors";
import { connectorKeys, connectorQuarantineQuery } from "@/lib/client/queries/connectors";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatCount, formatDateTime } from "../ui/format";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";

type Props = Readonly<{ connectorId: string; count: number; canExport: boolean }>;

/**
 * Events the sync set aside because they do not match the wire schema: the rest of their page was stored and the
 * connector went on. Listed with the reason; the raw JSON is in the export (analysts and admins).
 */
export function QuarantineCard({ connectorId, count, canExport }: Props) {
  const queryClient = useQueryClient();
  const quarantine = useInfiniteQuery(connectorQuarantineQuery(connectorId));
  // The connector's polled count moves when the worker quarantines more: reload the list then.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: connectorKeys.quarantine(connectorId) });
  }, [count, connectorId, queryClient]);
  const rows = quarantine.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card
      title="Quarantined events"
      description="Events of an unexpected shape, kept raw with the reason instead of blocking the sync; the rest of their page was stored."
      actions={
        canExport && count > 0 ? (
          <a href={connectorsApi.quarantineExportUrl(connectorId)} download className="text-sm text-brand-600 underline dark:text-sky-300" data-testid="quarantine-export">
            Export (NDJSON)
          </a>
        ) : null
      }
    >
      <p className="mb-3 text-sm" data-testid="quarantine-count">
        {count === 0 ? (
          "No quarantined events: every event received matched the expected shape."
        ) : (
          <span className="font-semibold text-amber-700 dark:text-amber-300">{`${formatCount(count)} quarantined ${count === 1 ? "event" : "events"}`}</span>
        )}
      </p>
      {count > 0 ? (
        <QueryState isPending={quarantine.isPending} error={quarantine.data ? null : quarantine.error} onRetry={() => void quarantine.refetch()}>
          <DataTable columns={[{ label: "First seen" }, { label: "Event id" }, { label: "Reason" }, { label: "Seen", className: "text-right" }]}>
            {rows.map((row) => (
              <tr key={row.id} data-testid="quarantine-row">
                <td className="py-2 pr-4 whitespace-nowrap" title={`${row.firstSeenAt} (UTC)`}>
                  {formatDateTime(row.firstSeenAt)}
                </td>
                <td className="py-2 pr-4 font-mono text-xs break-all">{row.eventId ?? "(no id)"}</td>
                <td className="py-2 pr-4 break-words">{row.reason}</td>
                <td className="py-2 text-right tabular-nums">{row.seenCount}</td>
              </tr>
            ))}
          </DataTable>
          <LoadMore query={quarantine} />
        </QueryState>
      ) : null}
    </Card>
  );
}
