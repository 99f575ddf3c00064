"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { TProxySessionFilters } from "@/lib/client/api/proxy-sessions";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { proxySessionsQuery } from "@/lib/client/queries/proxy-sessions";
import { Card } from "../ui/card";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { SessionFilters } from "./session-filters";
import { SessionsTable } from "./sessions-table";

const FILTER_KEYS = ["q", "connectorId", "status"] as const;

/** /sessions: sessions through the session proxy, refreshed every few seconds; every filter lives in the URL. */
export function SessionsView({ canEnd }: Readonly<{ canEnd: boolean }>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters: TProxySessionFilters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (searchParams.get(k) ? [[k, searchParams.get(k) as string]] : [])));
  const sessions = useInfiniteQuery(proxySessionsQuery(filters));
  const connectors = useQuery(connectorsQuery());
  const rows = sessions.data?.pages.flatMap((p) => p.data) ?? [];
  const isFiltered = Object.keys(filters).length > 0;

  const onChange = (next: TProxySessionFilters) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) params.set(key, next[key] as string);
    router.replace(`${pathname}${params.size ? `?${params.toString()}` : ""}`, { scroll: false });
  };

  return (
    <Card title="Proxied sessions" description="Live: active in the last 5 minutes. Idle: quieter, not ended. Ended: the user must sign in again.">
      <div className="space-y-4">
        <SessionFilters filters={filters} connectors={connectors.data ?? []} onChange={onChange} />
        <QueryState isPending={sessions.isPending} error={sessions.data ? null : sessions.error} onRetry={() => void sessions.refetch()}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="sessions-empty">
              {isFiltered
                ? "No session matches these filters."
                : "No proxied sessions yet. Sessions appear here once users reach a site through the session proxy: turn on “Protect through the session proxy” for a site on its connector's page, and give users the proxied URL shown there."}
            </p>
          ) : (
            <SessionsTable sessions={rows} canEnd={canEnd} showConnector={(connectors.data?.length ?? 0) > 1} />
          )}
          <LoadMore query={sessions} />
        </QueryState>
      </div>
    </Card>
  );
}
