import type { TBucketName } from "../rate-limiter";
import type { TRoute } from "../router";
import type { TApiContext } from "./api-context";
import { getEvent, listEventActions, listEvents } from "./events";
import { getEventsStream } from "./events-stream";
import { deleteUserApiToken, disableUser, enableUser, getProfile, listUserApiTokens, restoreAccess, suspendAccess } from "./governance-routes";
import { getDomain, getOrg, getPolicy, listApiKeys, listDomains, listOrgs, listPolicies } from "./org-routes";
import { listDirectoryUsers, listManagedUsers } from "./user-routes";

/** A faithful-API route; `buckets` names the rate-limit counters a request takes from. */
export type TApiRoute = TRoute<TApiContext> & { buckets: readonly TBucketName[] };

/** /events has its own, much lower limit since May 2025 (atlassian-api.md §1.2). */
const EVENTS: readonly TBucketName[] = ["global", "events"];

/** Every route counts against the user's limit and its own path's (50/min), /events against its lower one. */
const route = (method: TApiRoute["method"], pattern: string, handler: TApiRoute["handler"], buckets?: readonly TBucketName[]): TApiRoute => ({
  method,
  pattern,
  handler,
  buckets: buckets ?? ["global", `path:${method} ${pattern}`],
});

/** The Atlassian Admin API surface the simulator serves (shapes: atlassian-api.md). */
export const API_ROUTES: readonly TApiRoute[] = [
  route("GET", "/admin/v1/orgs", listOrgs),
  route("GET", "/admin/v1/orgs/:orgId", getOrg),
  route("GET", "/admin/v1/orgs/:orgId/events", listEvents, EVENTS),
  route("GET", "/admin/v1/orgs/:orgId/events/:eventId", getEvent, EVENTS),
  route("GET", "/admin/v1/orgs/:orgId/event-actions", listEventActions),
  route("GET", "/admin/v1/orgs/:orgId/events-stream", getEventsStream),
  route("GET", "/admin/v1/orgs/:orgId/users", listManagedUsers),
  route("GET", "/admin/v2/orgs/:orgId/directories/:directoryId/users", listDirectoryUsers),
  route("GET", "/admin/v1/orgs/:orgId/domains", listDomains),
  route("GET", "/admin/v1/orgs/:orgId/domains/:domainId", getDomain),
  route("GET", "/admin/v1/orgs/:orgId/policies", listPolicies),
  route("GET", "/admin/v1/orgs/:orgId/policies/:policyId", getPolicy),
  route("POST", "/admin/v1/orgs/:orgId/directory/users/:accountId/suspend-access", suspendAccess),
  route("POST", "/admin/v1/orgs/:orgId/directory/users/:accountId/restore-access", restoreAccess),
  route("GET", "/admin/api-access/v1/orgs/:orgId/api-keys", listApiKeys),
  route("GET", "/users/:accountId/manage/profile", getProfile),
  route("POST", "/users/:accountId/manage/lifecycle/disable", disableUser),
  route("POST", "/users/:accountId/manage/lifecycle/enable", enableUser),
  route("GET", "/users/:accountId/manage/api-tokens", listUserApiTokens),
  route("DELETE", "/users/:accountId/manage/api-tokens/:tokenId", deleteUserApiToken),
];
