import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { TActivityDetail, TActivityPage } from "../../shared/schemas/activities";
import { apiFetch } from "../api-client";

/** The activity log's filters exactly as they appear in the page URL and the API query (strings; action repeats). */
export type TActivityUrlFilters = Readonly<{
  from?: string;
  to?: string;
  user?: string;
  action?: readonly string[];
  product?: string;
  ip?: string;
  country?: string;
  ipCategory?: string;
  connectorId?: string;
  source?: string;
  adminOnly?: string;
  impersonation?: string;
  q?: string;
  outcome?: string;
  policy?: string;
}>;

const SINGLE_KEYS = ["from", "to", "user", "product", "ip", "country", "ipCategory", "connectorId", "source", "adminOnly", "impersonation", "q", "outcome", "policy"] as const;

export const filtersFromSearchParams = (params: URLSearchParams): TActivityUrlFilters => {
  const filters: Record<string, string | string[]> = {};
  for (const key of SINGLE_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const actions = params.getAll("action").filter(Boolean);
  if (actions.length) filters.action = actions;
  return filters as TActivityUrlFilters;
};

/** Query string of filters (+ cursor/format), empty values left out; the same for the page URL and the API. */
export const activitySearchParams = (filters: TActivityUrlFilters, extra: Record<string, string | null | undefined> = {}): URLSearchParams => {
  const params = new URLSearchParams();
  for (const key of SINGLE_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const action of filters.action ?? []) params.append("action", action);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
};

export const activityKeys = {
  all: ["activities"] as const,
  lists: () => [...activityKeys.all, "list"] as const,
  list: (filters: TActivityUrlFilters, cursor: string | null) => [...activityKeys.lists(), filters, cursor] as const,
  detail: (id: string) => [...activityKeys.all, "detail", id] as const,
};

export const activityPageQuery = (filters: TActivityUrlFilters, cursor: string | null) =>
  queryOptions({
    queryKey: activityKeys.list(filters, cursor),
    queryFn: () => apiFetch<TActivityPage>(`/api/v1/activities?${activitySearchParams(filters, { cursor, limit: "50" }).toString()}`),
    placeholderData: keepPreviousData,
    retry: (count, error) => count < 2 && !("status" in error && error.status === 400),
  });

export const activityDetailQuery = (id: string) =>
  queryOptions({ queryKey: activityKeys.detail(id), queryFn: () => apiFetch<TActivityDetail>(`/api/v1/activities/${encodeURIComponent(id)}`) });
