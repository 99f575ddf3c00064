import {
  ZAtlassianUserDetail,
  ZAtlassianUserIdParams,
  ZAtlassianUserList,
  ZAtlassianUsersQuery,
  ZUserActivitiesQuery,
  ZUserActivityList,
} from "../schemas/atlassian-users";
import { defineRoute } from "./define-route";

const TAG = "Users";

// Atlassian accounts of the connected orgs. The portal's own users are under /api/v1/portal-users.
export const atlassianUserContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/users",
    summary: "Atlassian users of every connector by investigation priority (default, sort=priority) or by name (sort=name), each with priority {score, trend}; filters q (name, email or account id), connectorId, status, admin; keyset cursor",
    tag: TAG,
    auth: "viewer",
    query: ZAtlassianUsersQuery,
    response: ZAtlassianUserList,
  }),
  get: defineRoute({
    method: "GET",
    path: "/api/v1/users/{id}",
    summary: "One Atlassian user (id = Watchpost's id of the account): investigation priority with what raised it (contributions), countries and IPs seen with first/last seen, alerts",
    tag: TAG,
    auth: "viewer",
    params: ZAtlassianUserIdParams,
    response: ZAtlassianUserDetail,
  }),
  listActivities: defineRoute({
    method: "GET",
    path: "/api/v1/users/{id}/activities",
    summary: "The Atlassian user's activity timeline, newest first; keyset cursor",
    tag: TAG,
    auth: "viewer",
    params: ZAtlassianUserIdParams,
    query: ZUserActivitiesQuery,
    response: ZUserActivityList,
  }),
};
