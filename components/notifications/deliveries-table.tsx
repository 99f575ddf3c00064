"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { deliveriesQuery } from "@/lib/client/queries/notifications";
import type { TDeliveryDto } from "@/lib/shared/schemas/notifications";
import { Badge, type BadgeTone } from "../ui/badge";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";

const KIND_LABELS: Record<TDeliveryDto["kind"], string> = { alert: "Alert", test: "Test", user_notice: "User notice", connector_key_expiry: "API key expiry" };
const STATUS: Record<TDeliveryDto["status"], { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "amber" },
  succeeded: { label: "Delivered", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

/** The channel's recent deliveries, refreshed every second while any is pending. */
export function DeliveriesTable({ channelId }: Readonly<{ channelId: string }>) {
  const query = useInfiniteQuery(deliveriesQuery(channelId));
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing sent through this channel yet. Use “Send test” to try it.</p>
      ) : (
        <DataTable columns={[{ label: "Queued" }, { label: "Kind" }, { label: "Subject" }, { label: "Status" }, { label: "Attempts" }, { label: "Error" }]}>
          {rows.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.id}`}>
              <td className="py-2 pr-4 whitespace-nowrap text-slate-600 dark:text-slate-400">{formatDateTime(d.createdAt)}</td>
              <td className="py-2 pr-4">{KIND_LABELS[d.kind]}</td>
              <td className="py-2 pr-4">{d.alertId ? (
                  <Link className="text-brand-700 hover:underline dark:text-brand-300" href={`/alerts/${d.alertId}`}>
                    {d.subject}
                  </Link>
                ) : (
                  d.subject
                )}</td>
              <td className="py-2 pr-4">
                <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Badge>
              </td>
              <td className="py-2 pr-4 tabular-nums">{d.attempts}</td>
              <td className="py-2 text-xs text-red-700 dark:text-red-300">{d.error ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMore query={query} />
    </QueryState>
  );
}
