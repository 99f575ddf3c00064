import { ZActivityDetail, ZActivityExportQuery, ZActivityIdParams, ZActivityListQuery, ZActivityPage } from "../schemas/activities";
import { defineRoute } from "./define-route";

const TAG = "Activities";

export const activityContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/activities",
    summary:
      "The activity log, newest first: filters from/to (ISO 8601), user (email or account id), action (repeatable), product, ip (address or CIDR), country (name or ISO code), ipCategory, connectorId, source (audit_log or session_proxy), adminOnly, impersonation, q (free text); keyset cursor, limit ≤ 500",
    tag: TAG,
    auth: "viewer",
    query: ZActivityListQuery,
    response: ZActivityPage,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/activities/{id}",
    summary: "One activity (id = its seq) with the raw event, the same user's activities one hour before and after, and the alerts that include it",
    tag: TAG,
    auth: "viewer",
    params: ZActivityIdParams,
    response: ZActivityDetail,
  }),
  export: defineRoute({
    method: "GET",
    path: "/api/v1/activities/export",
    summary: "Every activity matching the same filters as a streamed file (format=csv or ndjson; NDJSON lines carry the raw event), newest first",
    tag: TAG,
    auth: "viewer",
    query: ZActivityExportQuery,
    produces: ["text/csv", "application/x-ndjson"],
  }),
};
