import { ZDashboardDto, ZDashboardQuery } from "../schemas/dashboard";
import { defineRoute } from "./define-route";

export const dashboardContracts = {
  get: defineRoute({
    method: "GET",
    path: "/api/v1/dashboard",
    summary: "Dashboard KPIs and chart series for range 24h, 7d (default), 30d or 90d, from the rollups",
    tag: "Dashboard",
    auth: "viewer",
    query: ZDashboardQuery,
    response: ZDashboardDto,
  }),
};
