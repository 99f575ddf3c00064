import { queryOptions } from "@tanstack/react-query";
import type { TAlertDto, TAlertListDto } from "../../shared/schemas/alerts";
import { apiFetch } from "../api-client";

/** The list filters the alerts page keeps in its URL (names as GET /api/v1/alerts takes them). */
export type AlertFilters = Readonly<{ status?: string; severity?: string; policyKey?: string; user?: string }>;

export const ALERT_FILTER_NAMES = ["status", "severity", "policyKey", "user"] as const;

export const alertKeys = {
  all: ["alerts"] as const,
  lists: () => ["alerts", "list"] as const,
  list: (filters: AlertFilters) => ["alerts", "list", filters] as const,
  detail: (id: string) => ["alerts", "detail", id] as const,
};

export const fetchAlertsPage = (filters: AlertFilters, cursor: string | null): Promise<TAlertListDto> => {
  const params = new URLSearchParams({ limit: "50" });
  for (const name of ALERT_FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (cursor) params.set("cursor", cursor);
  return apiFetch<TAlertListDto>(`/api/v1/alerts?${params.toString()}`);
};

export const alertQuery = (id: string) => queryOptions({ queryKey: alertKeys.detail(id), queryFn: () => apiFetch<TAlertDto>(`/api/v1/alerts/${id}`) });
