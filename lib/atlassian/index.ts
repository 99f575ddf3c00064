// Public surface of the Atlassian Admin API client, shared by the sync worker and the simulator.
export { createAtlassianClient } from "./client";
export type { TAtlassianClient, TAtlassianClientOptions, TDirectoryUsersQuery, TEventsQuery, TEventsStreamPage, TEventsStreamQuery, TManagedUsersPage } from "./client";
export { AtlassianApiError, ATLASSIAN_ERROR_KINDS, isAtlassianApiError, retryAfterMsFromHeaders } from "./errors";
export type { TAtlassianErrorKind } from "./errors";
export { collectAll, nextCursorOf, paginate } from "./pagination";
export type { TPage } from "./pagination";
export { describeSchemaIssue, splitEvents } from "./split-events";
export type { TRejectedEvent } from "./split-events";
export { DEFAULT_BASE_URL } from "./transport";
export type { TRateLimitInfo } from "./transport";
export * from "./event-actions";
export * from "./schemas/api-keys";
export * from "./schemas/common";
export * from "./schemas/domains";
export * from "./schemas/events";
export * from "./schemas/orgs";
export * from "./schemas/policies";
export * from "./schemas/users";
