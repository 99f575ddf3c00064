import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { TAtlassianUserDetail, TAtlassianUserList, TUserActivityList } from "../../shared/schemas/atlassian-users";
import { apiFetch } from "../api-client";

/** Filters of the Atlassian users list, as they appear in the page URL and the API query. */
export type TUserFilters = Readonly<{ q?: string; connectorId?: string; status?: string; admin?: string; sort?: string }>;

// "atlassian-users", not "users": the portal's own users (Settings → Users) use that key.
export const atlassianUserKeys = {
  all: ["atlassian-users"] as const,
  list: (filters: TUserFilters) => [...atlassianUserKeys.all, "list", filters] as const,
  detail: (id: string) => [...atlassianUserKeys.all, "detail", id] as const,
  activities: (id: string) => [...atlassianUserKeys.detail(id), "activities"] as const,
};

const toParams = (values: Record<string, string | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
};

export const atlassianUsersQuery = (filters: TUserFilters) =>
  infiniteQueryOptions({
    queryKey: atlassianUserKeys.list(filters),
    queryFn: ({ pageParam }) => apiFetch<TAtlassianUserList>(`/api/v1/users?${toParams({ ...filters, cursor: pageParam, limit: "50" })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const atlassianUserQuery = (id: string) =>
  queryOptions({ queryKey: atlassianUserKeys.detail(id), queryFn: () => apiFetch<TAtlassianUserDetail>(`/api/v1/users/${encodeURIComponent(id)}`) });

export const userActivitiesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: atlassianUserKeys.activities(id),
    queryFn: ({ pageParam }) =>
      apiFetch<TUserActivityList>(`/api/v1/users/${encodeURIComponent(id)}/activities?${toParams({ cursor: pageParam, limit: "50" })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The ten users of highest investigation priority (the dashboard's Top users, by priority). */
export const topPriorityUsersQuery = () =>
  queryOptions({ queryKey: [...atlassianUserKeys.all, "top-priority"] as const, queryFn: () => apiFetch<TAtlassianUserList>("/api/v1/users?sort=priority&limit=10") });

/** The Watchpost id of an Atlassian account in a connector (for links to /users/{id}); null when it is not in the directory. */
export const atlassianUserIdQuery = (connectorId: string, accountId: string) =>
  queryOptions({
    queryKey: [...atlassianUserKeys.all, "by-account", connectorId, accountId] as const,
    queryFn: async () => {
      const list = await apiFetch<TAtlassianUserList>(`/api/v1/users?${toParams({ connectorId, q: accountId, limit: "5" })}`);
      return list.data.find((u) => u.accountId === accountId)?.id ?? null;
    },
    staleTime: 5 * 60_000,
  });
