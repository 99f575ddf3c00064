"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { userActivitiesQuery } from "@/lib/client/queries/users";
import { LoadMore } from "../ui/load-more";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { QueryState } from "../ui/query-state";

type Props = Readonly<{ userId: string; accountId: string; connectorId: string }>;

/** The account's activities, newest first, 50 at a time. */
export function UserTimelineCard({ userId, accountId, connectorId }: Props) {
  const activities = useInfiniteQuery(userActivitiesQuery(userId));
  const rows = activities.data?.pages.flatMap((p) => p.data) ?? [];
  const logHref = `/activities?${new URLSearchParams({ user: accountId, connectorId }).toString()}`;
  return (
    <Card
      title="Activity timeline"
      description="What this account did, newest first."
      actions={
        <Link href={logHref} className="text-sm text-brand-600 underline dark:text-sky-300">
          Open in the activity log
        </Link>
      }
    >
      <QueryState isPending={activities.isPending} error={activities.error} onRetry={() => void activities.refetch()}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No activity stored for this account yet.</p>
        ) : (
          <DataTable columns={[{ label: "Time" }, { label: "Action" }, { label: "Product" }, { label: "Target", className: "max-md:hidden" }, { label: "IP" }, { label: "Location" }]}>
              {rows.map((a) => (
                <tr key={a.id} data-testid="timeline-row">
                  <td className="py-2 pr-4 whitespace-nowrap" title={`${a.time} (UTC)`}>
                    {formatDateTime(a.time)}
                  </td>
                  <td className="py-2 pr-4">{a.actionName ?? a.action}</td>
                  <td className="py-2 pr-4 capitalize">{a.product}</td>
                  <td className="py-2 pr-4 max-md:hidden">{a.targetName ?? "—"}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{a.ip ?? "—"}</td>
                  <td className="py-2">{[a.city, a.country].filter(Boolean).join(", ") || "—"}</td>
                </tr>
              ))}
            </DataTable>
        )}
        <LoadMore query={activities} />
      </QueryState>
    </Card>
  );
}
