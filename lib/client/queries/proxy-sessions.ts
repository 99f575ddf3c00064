import { infiniteQueryOptions } from "@tanstack/react-query";
import { proxySessionsApi, type TProxySessionFilters } from "../api/proxy-sessions";

/** Sessions move every few seconds: the list refetches on this interval while the page is open. */
export const PROXY_SESSIONS_REFRESH_MS = 5_000;

export const proxySessionKeys = { all: ["proxy-sessions"] as const, list: (filters: TProxySessionFilters) => ["proxy-sessions", "list", filters] as const };

export const proxySessionsQuery = (filters: TProxySessionFilters) =>
  infiniteQueryOptions({
    queryKey: proxySessionKeys.list(filters),
    queryFn: ({ pageParam }) => proxySessionsApi.page(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: PROXY_SESSIONS_REFRESH_MS,
  });
