import type { TAtlassianScope } from "../../shared/atlassian-scopes";
import type { TBucketName } from "../rate-limiter";
import type { TRoute } from "../router";
import type { TApiContext } from "./api-context";
import { getEvent, listEventActions, listEvents } from "./events";
import { getEventsStream } from "./events-stream";
import { deleteUserApiToken, disableUser, enableUser, getProfile, listUserApiTokens, restoreAccess, suspendAccess } from "./governance-routes";
import { getDomain, getOrg, getPolicy, listApiKeys, listDomains, listOrgs, listPolicies } from "./org-routes";
import { listDirectoryUsers, listManagedUsers } from "./user-routes";
import { listWorkspaces } from "./workspace-routes";

/**
 * A faithful-API route; `buckets` names the rate-limit counters a request takes from; `scope` what a key
 * "with scopes" needs to call it (absent: any key; "unscoped" [C]: classic keys only, as /events documents).
 */
export type TApiRoute = TRoute<TApiContext> & { buckets: readonly TBucketName[]; scope?: TAtlassianScope | TSimulatorOnlyScope | "unscoped" };

/** Scopes the simulator checks that Watchpost's connector does not ask for (yet). */
type TSimulatorOnlyScope = "read:workspaces:admin";

/** /events has its own, much lower limit since May 2025 (atlassian-api.md §1.2). */
const EVENTS: readonly TBucketName[] = ["global", "events"];

/** Every route counts against the user's limit and its own path's (50/min), /events against its lower one. */
const route = (method: TApiRoute["method"], pattern: string, handler: TApiRoute["handler"], scope?: TApiRoute["scope"], buckets?: readonly TBucketName[]): TApiRoute => ({
  method,
  pattern,
  handler,
  buckets: buckets ?? ["global", `path:${method} ${pattern}`],
  ...(scope ? { scope } : {}),
});

/** The Atlassian Admin API surface the simulator serves (shapes: atlassian-api.md). */
export const API_ROUTES: readonly TApiRoute[] = [
  route("GET", "/admin/v1/orgs", listOrgs),
  route("GET", "/admin/v1/orgs/:orgId", getOrg),
  route("GET", "/admin/v1/orgs/:orgId/events", listEvents, "unscoped", EVENTS),
  route("GET", "/admin/v1/orgs/:orgId/events/:eventId", getEvent, "unscoped", EVENTS),
  route("GET", "/admin/v1/orgs/:orgId/event-actions", listEventActions, "read:events:admin"),
  route("GET", "/admin/v1/orgs/:orgId/events-stream", getEventsStream, "read:events:admin"),
  route("GET", "/admin/v1/orgs/:orgId/users", listManagedUsers, "read:directories:admin"),
  route("GET", "/admin/v2/orgs/:orgId/directories/:directoryId/users", listDirectoryUsers, "read:directories:admin"),
  route("POST", "/admin/v2/orgs/:orgId/workspaces", listWorkspaces, "read:workspaces:admin"),
  route("GET", "/admin/v1/orgs/:orgId/domains", listDomains, "read:domains:admin"),
  route("GET", "/admin/v1/orgs/:orgId/domains/:domainId", getDomain, "read:domains:admin"),
  route("GET", "/admin/v1/orgs/:orgId/policies", listPolicies, "read:policies:admin"),
  route("GET", "/admin/v1/orgs/:orgId/policies/:policyId", getPolicy, "read:policies:admin"),
  route("POST", "/admin/v1/orgs/:orgId/directory/users/:accountId/suspend-access", suspendAccess, "write:directories:admin"),
  route("POST", "/admin/v1/orgs/:orgId/directory/users/:accountId/restore-access", restoreAccess, "write:directories:admin"),
  route("GET", "/admin/api-access/v1/orgs/:orgId/api-keys", listApiKeys, "unscoped"),
  route("GET", "/users/:accountId/manage/profile", getProfile, "read:directories:admin"),
  route("POST", "/users/:accountId/manage/lifecycle/disable", disableUser, "write:users:admin"),
  route("POST", "/users/:accountId/manage/lifecycle/enable", enableUser, "write:users:admin"),
  route("GET", "/users/:accountId/manage/api-tokens", listUserApiTokens, "write:users:admin"),
  route("DELETE", "/users/:accountId/manage/api-tokens/:tokenId", deleteUserApiToken, "write:users:admin"),
];
