import { ZAtlassianUserDetail, ZAtlassianUserList, ZAtlassianUsersQuery, ZUserActivitiesQuery, ZUserActivityList } from "../../schemas/atlassian-users";
import type { TEndpointSpec } from "../endpoint";

// Atlassian accounts of the connected orgs. The portal's own users are under /api/v1/portal-users.
export const usersEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/users",
    summary: "Atlassian users of every connector by name; filters q (name, email or account id), connectorId, status, admin; keyset cursor",
    tag: "Users",
    auth: "viewer",
    query: ZAtlassianUsersQuery,
    response: ZAtlassianUserList,
  },
  {
    method: "get",
    path: "/api/v1/users/{id}",
    summary: "One Atlassian user (id = Watchpost's id of the account): countries and IPs seen with first/last seen, alerts",
    tag: "Users",
    auth: "viewer",
    response: ZAtlassianUserDetail,
  },
  {
    method: "get",
    path: "/api/v1/users/{id}/activities",
    summary: "The Atlassian user's activity timeline, newest first; keyset cursor",
    tag: "Users",
    auth: "viewer",
    query: ZUserActivitiesQuery,
    response: ZUserActivityList,
  },
];
