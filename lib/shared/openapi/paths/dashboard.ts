import { ZDashboardDto, ZDashboardQuery } from "../../schemas/dashboard";
import type { TEndpointSpec } from "../endpoint";

export const dashboardEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/dashboard",
    summary: "Dashboard KPIs and chart series for range 24h, 7d (default), 30d or 90d, from the rollups",
    tag: "Dashboard",
    auth: "viewer",
    query: ZDashboardQuery,
    response: ZDashboardDto,
  },
];
