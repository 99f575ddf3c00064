import { nextCursorOf, type TPage } from "./pagination";
import { ZOrgApiKeysPage, ZUserApiTokens, type TOrgApiKey, type TUserApiToken } from "./schemas/api-keys";
import { ZMessageResponse, type TLinks, type TMessageResponse, type TPageMeta } from "./schemas/common";
import { ZDomainResponse, ZDomainsPage, type TDomain } from "./schemas/domains";
import { ZEventActionsPage, ZEventResponse, ZEventsPage, ZUncheckedEventsPage, type TEvent, type TEventAction, type TSortOrder } from "./schemas/events";
import { ZOrgResponse, ZOrgsPage, type TOrg } from "./schemas/orgs";
import { ZPoliciesPage, type TPolicy } from "./schemas/policies";
import { ZDirectoryUsersPage, ZManagedUsersPage, type TDirectoryUser, type TManagedUser } from "./schemas/users";
import { ZWorkspacesPage, type TWorkspace } from "./schemas/workspaces";
import { splitEvents, type TRejectedEvent } from "./split-events";
import { createTransport, type TRateLimitInfo, type TTransportOptions } from "./transport";

/** Options of createAtlassianClient; see TTransportOptions for defaults. */
export type TAtlassianClientOptions = TTransportOptions;

type TTime = number | Date;
const epochMs = (time: TTime | undefined): number | undefined => (time instanceof Date ? time.getTime() : time);

/** Filters of GET /events. Atlassian documents `from`/`to` as UNIX epoch; we send milliseconds as go-atlassian does. */
export type TEventsQuery = {
  q?: string;
  from?: TTime;
  to?: TTime;
  action?: string;
  actor?: string[];
  ip?: string[];
  product?: string[];
  location?: string;
  limit?: number;
  cursor?: string;
};

export type TEventsStreamQuery = {
  from?: TTime;
  to?: TTime;
  /** Default asc. Kept inside the cursor by the server, so it only matters on the first call. */
  sortOrder?: TSortOrder;
  /** Default 200, maximum 500. */
  limit?: number;
  cursor?: string;
};

/**
 * One page of /events-stream. `cursor` comes back even on the last page: store it and poll with it later to
 * get only newer events. A page may be shorter than `limit` while more events exist; keep polling until a
 * page is empty (no events and nothing rejected). Events may repeat across pages, so deduplicate by id.
 * `rejected` holds the page's events that do not match the wire schema: the page is still good.
 */
export type TEventsStreamPage = { events: TEvent[]; rejected: TRejectedEvent[]; cursor: string | null; rateLimit: TRateLimitInfo | null };

export type TManagedUsersPage = TPage<TManagedUser> & { total: number | undefined };

export type TDirectoryUsersQuery = {
  /** `-` (default) lists every directory. */
  directoryId?: string;
  cursor?: string;
  /** At most 100. */
  limit?: number;
  claimStatus?: "managed" | "unmanaged";
  accountIds?: string[];
};

type TListBody<T> = { data: T[]; links?: TLinks; meta?: TPageMeta };

/** links.next of the v2 listings is a URL carrying `cursor`, or (as some v2 APIs send it) the bare cursor. */
const workspacesCursorOf = (next: string | null | undefined): string | null => {
  if (!next) return null;
  return /[/?]/.test(next) ? nextCursorOf({ links: { next } }) : next;
};

const path = (...segments: string[]): string => segments.map((segment) => `/${encodeURIComponent(segment)}`).join("");
const orgPath = (orgId: string, ...rest: string[]): string => `/admin/v1/orgs${path(orgId, ...rest)}`;
const managePath = (accountId: string, ...rest: string[]): string => `/users${path(accountId)}/manage${path(...rest)}`;

/**
 * Typed client of the Atlassian Admin REST API (organizations, user management and API access). Works
 * unchanged against https://api.atlassian.com and the Watchpost simulator. Every method throws
 * AtlassianApiError on failure; see errors.ts for the kinds.
 */
export const createAtlassianClient = (options: TAtlassianClientOptions) => {
  const request = createTransport(options);

  const page = async <T>(response: Promise<{ data: TListBody<T>; rateLimit: TRateLimitInfo | null }>): Promise<TPage<T>> => {
    const { data, rateLimit } = await response;
    return { items: data.data, nextCursor: nextCursorOf(data), rateLimit };
  };

  return {
    /** GET /admin/v1/orgs: the orgs the key can see (one for an org API key). */
    listOrgs: (query: { cursor?: string } = {}): Promise<TPage<TOrg>> => page(request({ path: "/admin/v1/orgs", query, schema: ZOrgsPage })),

    /** GET /admin/v1/orgs/{orgId}; `not_found` for an unknown org. Use it to test a connection. */
    getOrg: async (orgId: string): Promise<TOrg> => (await request({ path: orgPath(orgId), schema: ZOrgResponse })).data.data,

    /** GET /events: filtered audit-log search, newest first, 10 requests/min. Prefer pollEventsStream for ingest. */
    listEvents: (orgId: string, query: TEventsQuery = {}): Promise<TPage<TEvent>> =>
      page(request({ path: orgPath(orgId, "events"), query: { ...query, from: epochMs(query.from), to: epochMs(query.to) }, schema: ZEventsPage })),

    /** GET /events/{eventId}. */
    getEvent: async (orgId: string, eventId: string): Promise<TEvent> =>
      (await request({ path: orgPath(orgId, "events", eventId), schema: ZEventResponse })).data.data,

    /** GET /event-actions: the catalogue of action keys with display names. */
    listEventActions: (orgId: string, query: { cursor?: string } = {}): Promise<TPage<TEventAction>> =>
      page(request({ path: orgPath(orgId, "event-actions"), query, schema: ZEventActionsPage })),

    /**
     * GET /events-stream: one page in processedAt order; the recommended ingest path. Each event is parsed on
     * its own, so one of an unexpected shape comes back in `rejected` instead of failing the page.
     */
    pollEventsStream: async (orgId: string, query: TEventsStreamQuery = {}): Promise<TEventsStreamPage> => {
      const { data, rateLimit } = await request({
        path: orgPath(orgId, "events-stream"),
        query: { ...query, from: epochMs(query.from), to: epochMs(query.to) },
        schema: ZUncheckedEventsPage,
      });
      return { ...splitEvents(data.data), cursor: nextCursorOf(data), rateLimit };
    },

    /** GET /admin/v1/orgs/{orgId}/users: managed accounts only (verified domains). */
    listManagedUsers: async (orgId: string, query: { cursor?: string } = {}): Promise<TManagedUsersPage> => {
      const { data, rateLimit } = await request({ path: orgPath(orgId, "users"), query, schema: ZManagedUsersPage });
      return { items: data.data, nextCursor: nextCursorOf(data), rateLimit, total: data.meta?.total };
    },

    /** GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users (experimental): all users with platformRoles. */
    listDirectoryUsers: (orgId: string, query: TDirectoryUsersQuery = {}): Promise<TPage<TDirectoryUser>> => {
      const { directoryId = "-", ...rest } = query;
      return page(request({ path: `/admin/v2/orgs${path(orgId, "directories", directoryId, "users")}`, query: rest, schema: ZDirectoryUsersPage }));
    },

    /** GET /domains: claimed domains with claim type and status. */
    listDomains: (orgId: string, query: { cursor?: string } = {}): Promise<TPage<TDomain>> =>
      page(request({ path: orgPath(orgId, "domains"), query, schema: ZDomainsPage })),

    getDomain: async (orgId: string, domainId: string): Promise<TDomain> =>
      (await request({ path: orgPath(orgId, "domains", domainId), schema: ZDomainResponse })).data.data,

    /** GET /policies, optionally of one type (see POLICY_TYPES; some types exist only in the simulator). */
    listPolicies: (orgId: string, query: { cursor?: string; type?: string } = {}): Promise<TPage<TPolicy>> =>
      page(request({ path: orgPath(orgId, "policies"), query, schema: ZPoliciesPage })),

    /**
     * POST /admin/v2/orgs/{orgId}/workspaces (scope read:workspaces:admin): the org's product workspaces. The first
     * page is asked with `{ limit }`, the next ones with the cursor of links.next alone, as the API wants.
     */
    listWorkspaces: async (orgId: string, query: { cursor?: string; limit?: number } = {}): Promise<TPage<TWorkspace>> => {
      const body = query.cursor ? { cursor: query.cursor } : { limit: query.limit ?? 100 };
      const { data, rateLimit } = await request({ method: "POST", path: `/admin/v2/orgs${path(orgId, "workspaces")}`, body, schema: ZWorkspacesPage });
      return { items: data.data, nextCursor: workspacesCursorOf(data.links?.next), rateLimit };
    },

    /** GET /admin/api-access/v1/orgs/{orgId}/api-keys: the org's API keys. */
    listApiKeys: (orgId: string, query: { cursor?: string } = {}): Promise<TPage<TOrgApiKey>> =>
      page(request({ path: `/admin/api-access/v1/orgs${path(orgId, "api-keys")}`, query, schema: ZOrgApiKeysPage })),

    /** POST .../directory/users/{accountId}/suspend-access: removes product access, frees the licence. */
    suspendAccess: async (orgId: string, accountId: string): Promise<TMessageResponse> =>
      (await request({ method: "POST", path: orgPath(orgId, "directory", "users", accountId, "suspend-access"), schema: ZMessageResponse })).data,

    /** POST .../directory/users/{accountId}/restore-access: undoes suspendAccess. */
    restoreAccess: async (orgId: string, accountId: string): Promise<TMessageResponse> =>
      (await request({ method: "POST", path: orgPath(orgId, "directory", "users", accountId, "restore-access"), schema: ZMessageResponse })).data,

    /** POST /users/{accountId}/manage/lifecycle/disable: deactivates a managed account everywhere (204). */
    disableUser: async (accountId: string, body: { message?: string } = {}): Promise<void> => {
      await request({ method: "POST", path: managePath(accountId, "lifecycle", "disable"), body });
    },

    /** POST /users/{accountId}/manage/lifecycle/enable: reactivates a managed account (204). */
    enableUser: async (accountId: string): Promise<void> => {
      await request({ method: "POST", path: managePath(accountId, "lifecycle", "enable") });
    },

    /** GET /users/{accountId}/manage/api-tokens: the user's personal API tokens. */
    listUserApiTokens: async (accountId: string): Promise<TUserApiToken[]> =>
      (await request({ path: managePath(accountId, "api-tokens"), schema: ZUserApiTokens })).data,

    /** DELETE /users/{accountId}/manage/api-tokens/{tokenId}: revokes one token. */
    deleteUserApiToken: async (accountId: string, tokenId: string): Promise<void> => {
      await request({ method: "DELETE", path: managePath(accountId, "api-tokens", tokenId) });
    },
  };
};

export type TAtlassianClient = ReturnType<typeof createAtlassianClient>;
