"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { alertActivitiesQuery } from "@/lib/client/queries/alerts";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import { ActivityDrawer } from "../activities/activity-drawer";
import { ActivityTable } from "../activities/activity-table";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { formatCount } from "../ui/format";
import { QueryState } from "../ui/query-state";

const AUTO_PAGES = 5;

/** The activities the alert was raised on, in the activity log's table; a row opens the activity's detail. */
export function AlertActivitiesCard({ alert }: Readonly<{ alert: TAlertDetailDto }>) {
  const query = useInfiniteQuery({ ...alertActivitiesQuery(alert), enabled: alert.activityIds.length > 0 });
  const [openId, setOpenId] = useState<string | null>(null);
  const ids = useMemo(() => new Set(alert.activityIds), [alert.activityIds]);
  const rows = useMemo(() => (query.data?.pages.flatMap((p) => p.data) ?? []).filter((a) => ids.has(a.id)), [query.data, ids]);
  const hasMore = query.hasNextPage && rows.length < ids.size;
  const pages = query.data?.pages.length ?? 0;
  const { fetchNextPage, isFetching } = query;
  // A busy user's window can start with pages of other activities: look a few pages ahead before showing nothing.
  useEffect(() => {
    if (hasMore && rows.length === 0 && !isFetching && pages > 0 && pages < AUTO_PAGES) void fetchNextPage();
  }, [hasMore, rows.length, isFetching, pages, fetchNextPage]);

  return (
    <Card
      title="Activities"
      description={`${formatCount(alert.activityCount)} ${alert.activityCount === 1 ? "activity" : "activities"} behind this alert, newest first. Select a row (or press Enter) for its detail.`}
    >
      {ids.size === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No activities are linked to this alert.</p>
      ) : (
        <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {rows.length === 0 && !hasMore ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">The activities of this alert are no longer in the activity log.</p>
          ) : (
            <ActivityTable rows={rows} onOpen={setOpenId} />
          )}
          {hasMore ? (
            <div className="mt-4 flex items-center gap-3">
              <Button variant="secondary" isBusy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                Load more
              </Button>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {formatCount(rows.length)} of {formatCount(Math.min(ids.size, alert.activityCount))} shown
              </span>
            </div>
          ) : null}
        </QueryState>
      )}
      {openId ? <ActivityDrawer id={openId} onClose={() => setOpenId(null)} onOpen={setOpenId} /> : null}
    </Card>
  );
}
