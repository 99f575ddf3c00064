/**
 * Atlassian limits requests per API path and per user (atlassian-api.md §1.2): 50 requests/min per path and
 * 60/min per user on /events-stream, 10/min on /events since May 2025. Watchpost keeps one shared budget per
 * (API key, endpoint family) plus the key's per-user ceiling across families.
 */
export const RATE_FAMILIES = ["events-stream", "events", "directory", "policies", "governance"] as const;
export type TRateFamily = (typeof RATE_FAMILIES)[number];

/**
 * Budgets used until the server states one in X-RateLimit-* headers: events-stream and /events as documented;
 * the directory, policies and governance calls have no published figure, so they get the conservative 50/min
 * of a documented path.
 */
export const DEFAULT_FAMILY_BUDGETS: Readonly<Record<TRateFamily, number>> = {
  "events-stream": 50,
  events: 10,
  directory: 50,
  policies: 50,
  governance: 50,
};

/** Documented per-user limit: every family of one key counts against it. */
export const DEFAULT_USER_BUDGET = 60;

/** The endpoint family of a request (path without the query string). */
export const rateFamilyOf = (method: string, path: string): TRateFamily => {
  // The workspaces listing is a read sent as POST (its filters travel in the body).
  if (/\/workspaces$/.test(path)) return "directory";
  if (method !== "GET" || path.startsWith("/users/")) return "governance";
  if (/\/events-stream$/.test(path)) return "events-stream";
  if (/\/events(\/[^/]+)?$/.test(path)) return "events";
  if (/\/policies(\/[^/]+)?$/.test(path)) return "policies";
  return "directory";
};
