"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { activityPageQuery, activitySearchParams, filtersFromSearchParams, type TActivityUrlFilters } from "@/lib/client/queries/activities";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { sessionPoliciesQuery } from "@/lib/client/queries/session-policies";
import { atlassianUsersQuery } from "@/lib/client/queries/users";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { ActivityDrawer } from "./activity-drawer";
import { ActivityExport } from "./activity-export";
import { ActivityFilters } from "./activity-filters";
import { ActivityTable } from "./activity-table";

/**
 * The activity log. Filters, the page cursor and the open activity live in the URL (shareable, reload-safe);
 * the cursors of earlier pages are kept for "Previous page".
 */
export function ActivitiesView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const cursor = searchParams.get("cursor");
  const openId = searchParams.get("activity");
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const [userText, setUserText] = useState("");

  const page = useQuery(activityPageQuery(filters, cursor));
  const connectors = useQuery(connectorsQuery());
  const sessionPolicies = useQuery(sessionPoliciesQuery());
  const users = useInfiniteQuery({ ...atlassianUsersQuery({ q: userText }), enabled: userText.trim().length >= 2 });

  const navigate = useCallback(
    (next: TActivityUrlFilters, extra: Record<string, string | null> = {}) => {
      const params = activitySearchParams(next, extra).toString();
      router.replace(`${pathname}${params ? `?${params}` : ""}`, { scroll: false });
    },
    [pathname, router],
  );
  const onOpen = useCallback((id: string) => navigate(filters, { cursor, activity: id }), [navigate, filters, cursor]);
  const onClose = useCallback(() => navigate(filters, { cursor }), [navigate, filters, cursor]);

  const rows = page.data?.data ?? [];
  const userSuggestions = (users.data?.pages.flatMap((p) => p.data) ?? []).slice(0, 10).map((u) => ({
    key: u.id,
    value: u.email ?? u.accountId,
    label: [u.name, u.email].filter(Boolean).join(" · "),
  }));
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <div className="space-y-6">
      <Card title="Filters">
        <ActivityFilters
          key={searchParams.toString().replace(/(^|&)(cursor|activity)=[^&]*/g, "")}
          filters={filters}
          connectors={connectors.data ?? []}
          sessionPolicies={sessionPolicies.data ?? []}
          userSuggestions={userSuggestions}
          onUserInput={setUserText}
          onApply={(next) => {
            setPrevious([]);
            navigate(next);
          }}
        />
      </Card>
      <Card title="Activities" description="Newest first, 50 per page. Select a row (or press Enter on it) for the detail." actions={<ActivityExport filters={filters} />}>
        <QueryState isPending={page.isPending} error={page.error} onRetry={() => void page.refetch()}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500">{hasFilters ? "No activity matches these filters." : "No activities yet. They appear here once a connector has synced."}</p>
          ) : (
            <div aria-busy={page.isFetching || undefined} className={page.isPlaceholderData ? "opacity-60" : ""}>
              <ActivityTable rows={rows} onOpen={onOpen} />
            </div>
          )}
          <nav aria-label="Pages" className="mt-4 flex gap-2">
            <Button
              variant="secondary"
              disabled={!cursor}
              onClick={() => {
                const back = previous.at(-1) ?? null;
                setPrevious((p) => p.slice(0, -1));
                navigate(filters, { cursor: back });
              }}
            >
              Previous page
            </Button>
            <Button
              variant="secondary"
              disabled={!page.data?.nextCursor || page.isPlaceholderData}
              onClick={() => {
                setPrevious((p) => [...p, cursor]);
                navigate(filters, { cursor: page.data?.nextCursor ?? null });
              }}
            >
              Next page
            </Button>
          </nav>
        </QueryState>
      </Card>
      {openId ? <ActivityDrawer id={openId} onClose={onClose} onOpen={onOpen} /> : null}
    </div>
  );
}
