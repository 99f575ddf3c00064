import { queryOptions } from "@tanstack/react-query";
import type { TDashboardDto, TDashboardRange } from "../../shared/schemas/dashboard";
import { apiFetch } from "../api-client";

export const dashboardKeys = {
  all: ["dashboard"] as const,
  range: (range: TDashboardRange) => [...dashboardKeys.all, range] as const,
};

/** Rollups follow new activities within seconds: refresh the dashboard every 30 s. */
export const dashboardQuery = (range: TDashboardRange) =>
  queryOptions({
    queryKey: dashboardKeys.range(range),
    queryFn: () => apiFetch<TDashboardDto>(`/api/v1/dashboard?range=${encodeURIComponent(range)}`),
    refetchInterval: 30_000,
  });
