import { ZAlertDto, ZAlertListDto, ZAlertListQuery } from "../../schemas/alerts";
import type { TEndpointSpec } from "../endpoint";

export const alertsEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/alerts",
    summary: "Alerts newest first; filters status, severity, policyKey, user, connectorId, from, to; keyset cursor",
    tag: "Alerts",
    auth: "viewer",
    query: ZAlertListQuery,
    response: ZAlertListDto,
  },
  { method: "get", path: "/api/v1/alerts/{id}", summary: "One alert with its explanation and activity ids", tag: "Alerts", auth: "viewer", response: ZAlertDto },
];
