import { ZAlertCommentDto } from "../schemas/alerts";
import {
  ZIncidentBulkInput,
  ZIncidentBulkResult,
  ZIncidentCommentInput,
  ZIncidentDetailDto,
  ZIncidentIdParams,
  ZIncidentListDto,
  ZIncidentListQuery,
  ZIncidentPatchInput,
  ZIncidentSettings,
} from "../schemas/incidents";
import { defineRoute } from "./define-route";

const TAG = "Incidents";

export const incidentContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/incidents",
    summary:
      "Incidents (an Atlassian account's alerts within a sliding window) with the alerts' filters status, severity, policyKey, user, connectorId, from, to, assignee; sort priority (default: severity, distinct policies, last activity), newest, oldest, last_activity; keyset cursor (valid only with its sort); counts per status under the other filters",
    tag: TAG,
    auth: "viewer",
    query: ZIncidentListQuery,
    response: ZIncidentListDto,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/incidents/{id}",
    summary: "One incident with its alerts, the merged timeline of their activities (at most 500, newest kept), comments and history",
    tag: TAG,
    auth: "viewer",
    params: ZIncidentIdParams,
    response: ZIncidentDetailDto,
  }),
  update: defineRoute({
    method: "PATCH",
    path: "/api/v1/incidents/{id}",
    summary:
      "Triage an incident with the alerts' rules (status transitions, assigneeId, classification to resolve, reason to resolve or dismiss); resolving or dismissing it does the same to its open and in-progress alerts, each with its own history event",
    tag: TAG,
    auth: "analyst",
    params: ZIncidentIdParams,
    body: ZIncidentPatchInput,
    response: ZIncidentDetailDto,
  }),
  addComment: defineRoute({
    method: "POST",
    path: "/api/v1/incidents/{id}/comments",
    summary: "Comment on an incident (recorded in its history)",
    tag: TAG,
    auth: "analyst",
    params: ZIncidentIdParams,
    body: ZIncidentCommentInput,
    response: ZAlertCommentDto,
    status: 201,
  }),
  bulkUpdate: defineRoute({
    method: "POST",
    path: "/api/v1/incidents/bulk",
    summary: "Change the status and/or assignee of up to 500 incidents (cascading to their alerts as PATCH does); each succeeds or fails alone",
    tag: TAG,
    auth: "analyst",
    body: ZIncidentBulkInput,
    response: ZIncidentBulkResult,
  }),
  getSettings: defineRoute({
    method: "GET",
    path: "/api/v1/incidents/settings",
    summary: "The grouping window in hours (default 24): an alert joins its account's open incident whose last alert's activity is at most this long before the alert's first",
    tag: TAG,
    auth: "viewer",
    response: ZIncidentSettings,
  }),
  saveSettings: defineRoute({
    method: "PUT",
    path: "/api/v1/incidents/settings",
    summary: "Set the grouping window (1 to 168 hours); applies to alerts grouped from then on (audited)",
    tag: TAG,
    auth: "admin",
    body: ZIncidentSettings,
    response: ZIncidentSettings,
  }),
};
