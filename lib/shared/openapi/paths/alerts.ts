import {
  ZAlertAssigneeList,
  ZAlertBulkInput,
  ZAlertBulkResult,
  ZAlertCommentDto,
  ZAlertCommentInput,
  ZAlertDetailDto,
  ZAlertEgressInput,
  ZAlertEgressResult,
  ZAlertListDto,
  ZAlertListQuery,
  ZAlertPatchInput,
} from "../../schemas/alerts";
import type { TEndpointSpec } from "../endpoint";

export const alertsEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/alerts",
    summary:
      "Alerts with filters status, severity, policyKey, user, connectorId, from, to, assignee (user id, me, unassigned); sort newest (default), oldest, severity, last_activity; keyset cursor (valid only with its sort); counts per status under the other filters",
    tag: "Alerts",
    auth: "viewer",
    query: ZAlertListQuery,
    response: ZAlertListDto,
  },
  {
    method: "get",
    path: "/api/v1/alerts/{id}",
    summary: "One alert with its explanation, activity ids, triage fields, comments and history (oldest first) and the user's context",
    tag: "Alerts",
    auth: "viewer",
    response: ZAlertDetailDto,
  },
  {
    method: "patch",
    path: "/api/v1/alerts/{id}",
    summary:
      "Triage an alert: status (open → in_progress/resolved/dismissed, in_progress → open/resolved/dismissed, resolved/dismissed → open only), assigneeId (analyst or admin, null to unassign), classification (to resolve) and reason (to resolve or dismiss); each change is recorded in the history",
    tag: "Alerts",
    auth: "analyst",
    body: ZAlertPatchInput,
    response: ZAlertDetailDto,
  },
  {
    method: "post",
    path: "/api/v1/alerts/{id}/comments",
    summary: "Comment on an alert (recorded in its history)",
    tag: "Alerts",
    auth: "analyst",
    body: ZAlertCommentInput,
    response: ZAlertCommentDto,
    status: 201,
  },
  {
    method: "post",
    path: "/api/v1/alerts/{id}/egress",
    summary:
      "This is our egress: the alert's public IPs (each widened to /24 or /64, or the cidrs given) become a named corporate/VPN IP range with an expiry; open travel, country and IP alerts whose IPs all fall inside it are dismissed as benign true positives",
    tag: "Alerts",
    auth: "analyst",
    body: ZAlertEgressInput,
    response: ZAlertEgressResult,
    status: 201,
  },
  {
    method: "post",
    path: "/api/v1/alerts/bulk",
    summary: "Change the status and/or assignee of up to 500 alerts; each succeeds or fails alone (failed lists the id and the reason)",
    tag: "Alerts",
    auth: "analyst",
    body: ZAlertBulkInput,
    response: ZAlertBulkResult,
  },
  {
    method: "get",
    path: "/api/v1/alerts/assignees",
    summary: "Enabled analysts and admins, whom alerts can be assigned to",
    tag: "Alerts",
    auth: "viewer",
    response: ZAlertAssigneeList,
  },
];
