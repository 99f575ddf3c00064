import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { TActivityPage } from "../../shared/schemas/activities";
import type { TAlertDetailDto } from "../../shared/schemas/alerts";
import { apiFetch } from "../api-client";
import { alertsApi, type TAlertFilters } from "../api/alerts";
import { activityKeys, activitySearchParams, type TActivityUrlFilters } from "./activities";

export { ALERT_FILTER_NAMES, alertSearchParams, type TAlertFilters } from "../api/alerts";

export const alertKeys = {
  all: ["alerts"] as const,
  lists: () => [...alertKeys.all, "list"] as const,
  list: (filters: TAlertFilters) => [...alertKeys.lists(), filters] as const,
  details: () => [...alertKeys.all, "detail"] as const,
  detail: (id: string) => [...alertKeys.details(), id] as const,
  assignees: () => [...alertKeys.all, "assignees"] as const,
};

/** Alerts arrive from the worker at any time: the list polls. */
const LIST_POLL_MS = 10_000;
const DETAIL_POLL_MS = 15_000;

/** Keyset-paged alerts under the URL's filters and sort, with the counts per status of the first page. */
export const alertsQuery = (filters: TAlertFilters) =>
  infiniteQueryOptions({
    queryKey: alertKeys.list(filters),
    queryFn: ({ pageParam }) => alertsApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_POLL_MS,
    retry: (count, error) => count < 2 && !("status" in error && error.status === 400),
  });

/** One alert with comments, history and the user's context; `initialData` comes from the server-rendered page. */
export const alertQuery = (id: string, initialData?: TAlertDetailDto) =>
  queryOptions({ queryKey: alertKeys.detail(id), queryFn: () => alertsApi.get(id), initialData, refetchInterval: DETAIL_POLL_MS });

/** Enabled analysts and admins, for the assign pickers. */
export const alertAssigneesQuery = () => queryOptions({ queryKey: alertKeys.assignees(), queryFn: alertsApi.assignees, staleTime: 60_000 });

/**
 * The activities behind an alert: its user's activities in the alert's time window (activity log API, 500 a
 * page), of which the view keeps those the alert lists. Keyed under the activity log.
 */
export const alertActivitiesQuery = (alert: Pick<TAlertDetailDto, "id" | "connectorId" | "user" | "firstActivityAt" | "lastActivityAt">) => {
  const filters: TActivityUrlFilters = {
    connectorId: alert.connectorId,
    from: alert.firstActivityAt,
    // `to` is exclusive.
    to: new Date(Date.parse(alert.lastActivityAt) + 1).toISOString(),
    ...(alert.user.accountId ? { user: alert.user.accountId } : {}),
  };
  return infiniteQueryOptions({
    queryKey: [...activityKeys.all, "alert", alert.id, filters] as const,
    queryFn: ({ pageParam }) => apiFetch<TActivityPage>(`/api/v1/activities?${activitySearchParams(filters, { cursor: pageParam, limit: "500" }).toString()}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 60_000,
  });
};
