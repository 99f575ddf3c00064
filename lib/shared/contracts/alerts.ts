import {
  ZAlertAssigneeList,
  ZAlertBulkInput,
  ZAlertBulkResult,
  ZAlertCommentDto,
  ZAlertCommentInput,
  ZAlertDetailDto,
  ZAlertEgressInput,
  ZAlertEgressResult,
  ZAlertIdParams,
  ZAlertListDto,
  ZAlertListQuery,
  ZAlertPatchInput,
} from "../schemas/alerts";
import { defineRoute } from "./define-route";

const TAG = "Alerts";

export const alertContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/alerts",
    summary:
      "Alerts with filters status, severity, policyKey, user, connectorId, from, to, assignee (user id, me, unassigned); sort newest (default), oldest, severity, last_activity; keyset cursor (valid only with its sort); counts per status under the other filters",
    tag: TAG,
    auth: "viewer",
    query: ZAlertListQuery,
    response: ZAlertListDto,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/alerts/{id}",
    summary: "One alert with its explanation, activity ids, triage fields, comments and history (oldest first) and the user's context",
    tag: TAG,
    auth: "viewer",
    params: ZAlertIdParams,
    response: ZAlertDetailDto,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/alerts/{id}",
    summary:
      "Triage an alert: status (open → in_progress/resolved/dismissed, in_progress → open/resolved/dismissed, resolved/dismissed → open only), assigneeId (analyst or admin, null to unassign), classification (to resolve) and reason (to resolve or dismiss); each change is recorded in the history",
    tag: TAG,
    auth: "analyst",
    params: ZAlertIdParams,
    body: ZAlertPatchInput,
    response: ZAlertDetailDto,
  }),
  addComment: defineRoute({
    method: "POST",
    path: "/api/v1/alerts/{id}/comments",
    summary: "Comment on an alert (recorded in its history)",
    tag: TAG,
    auth: "analyst",
    params: ZAlertIdParams,
    body: ZAlertCommentInput,
    response: ZAlertCommentDto,
    status: 201,
  }),
  markEgress: defineRoute({
    method: "POST",
    path: "/api/v1/alerts/{id}/egress",
    summary:
      "This is our egress: the alert's public IPs (each widened to /24 or /64, or the cidrs given) become a named corporate/VPN IP range with an expiry; open travel, country and IP alerts whose IPs all fall inside it are dismissed as benign true positives",
    tag: TAG,
    auth: "analyst",
    params: ZAlertIdParams,
    body: ZAlertEgressInput,
    response: ZAlertEgressResult,
    status: 201,
  }),
  bulkUpdate: defineRoute({
    method: "POST",
    path: "/api/v1/alerts/bulk",
    summary: "Change the status and/or assignee of up to 500 alerts; each succeeds or fails alone (failed lists the id and the reason)",
    tag: TAG,
    auth: "analyst",
    body: ZAlertBulkInput,
    response: ZAlertBulkResult,
  }),
  listAssignees: defineRoute({
    method: "GET",
    path: "/api/v1/alerts/assignees",
    summary: "Enabled analysts and admins, whom alerts can be assigned to",
    tag: TAG,
    auth: "viewer",
    response: ZAlertAssigneeList,
  }),
};
