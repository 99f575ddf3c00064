import { ZActivityDetail, ZActivityExportQuery, ZActivityListQuery, ZActivityPage } from "../../schemas/activities";
import type { TEndpointSpec } from "../endpoint";

export const activitiesEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/activities",
    summary:
      "The activity log, newest first: filters from/to (ISO 8601), user (email or account id), action (repeatable), product, ip (address or CIDR), country (name or ISO code), ipCategory, connectorId, adminOnly, impersonation, q (free text); keyset cursor, limit ≤ 500",
    tag: "Activities",
    auth: "viewer",
    query: ZActivityListQuery,
    response: ZActivityPage,
  },
  {
    method: "get",
    path: "/api/v1/activities/{id}",
    summary: "One activity (id = its seq) with the raw event, the same user's activities one hour before and after, and the alerts that include it",
    tag: "Activities",
    auth: "viewer",
    response: ZActivityDetail,
  },
  {
    method: "get",
    path: "/api/v1/activities/export",
    summary: "Every activity matching the same filters as a streamed file (format=csv or ndjson; NDJSON lines carry the raw event), newest first",
    tag: "Activities",
    auth: "viewer",
    query: ZActivityExportQuery,
    produces: ["text/csv", "application/x-ndjson"],
  },
];
