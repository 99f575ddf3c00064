// What one bench:load client does, as an autocannon request cycle: an analyst browsing the activity log
// (a mix of filters, then the next page by the cursor the first page returned), the alert tabs and sorts, one
// alert's detail, and now and then the dashboard. Each pass through the cycle (autocannon resets the client's
// context after it) takes the next signed-in user's credential, a session cookie or an API token. Times every
// request per route, and counts status codes.
import type { Request as TCannonRequest } from "autocannon";
import { EVENT_ACTIONS } from "../../../lib/atlassian";
import { percentile } from "../bench-setup";

export type TBrowseData = Readonly<{
  emails: readonly string[];
  countries: readonly string[];
  from: Date;
  to: Date;
  /** Fallback alert ids, for a detail when the last list returned none. */
  alertIds: readonly string[];
  /** Headers of each signed-in user: { cookie } or { authorization }. */
  credentials: readonly Readonly<Record<string, string>>[];
}>;

type TContext = {
  headers?: Record<string, string>;
  route?: string;
  sentAt?: number;
  filter?: Record<string, string>;
  cursor?: string | null;
  alertIds?: string[];
};

const DAY_MS = 86_400_000;
const WORDS = ["hamilton", "berlin", "lovelace", "api token", "hopper", "bengaluru", "group", "dijkstra", "password reset", "london"];
const ACTIONS = ["user_login_failed", "user_login", "user_added_to_group", "product_access_granted", "user_api_token_created", "org_admin_granted"];
const ALERT_TABS: readonly (Record<string, string>)[] = [{ status: "open" }, { status: "open" }, { status: "in_progress" }, { status: "resolved" }, { status: "dismissed" }, {}, { status: "open", severity: "high" }, { assignee: "me" }];
const ALERT_SORTS = ["newest", "newest", "newest", "oldest", "severity", "last_activity"];
const DASHBOARD_RANGES = ["24h", "7d", "7d", "30d"];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const query = (params: Record<string, string>) => (Object.keys(params).length ? `?${new URLSearchParams(params).toString()}` : "");

/**
 * One route group alone (bench:load --route-costs): activity pages of one filter kind (first and next), alerts,
 * the dashboard, or `/api/v1/me` (the floor: authentication and Next.js's handling, no other query).
 */
export type TRouteGroup = Readonly<{ activities: string } | { alerts: true } | { dashboard: true } | { me: true }>;

/** The activity log filters' kinds, as the routes name them (e.g. "none", "q", "from+to+user"). */
export const FILTER_KINDS = ["none", "user", "action", "from+to", "country", "q", "from+to+user", "action+from+to"] as const;

const kindOf = (filter: Record<string, string>) => Object.keys(filter).sort().join("+") || "none";

/** Builds the request cycle; `statusCodes` and `summary()` report what the clients got. */
export const browsingRequests = (data: TBrowseData, options: Readonly<{ withDashboard?: boolean; only?: TRouteGroup }> = {}) => {
  const window = (days: number) => {
    const span = data.to.getTime() - data.from.getTime() - days * DAY_MS;
    const end = data.to.getTime() - Math.floor(Math.random() * Math.max(1, span / DAY_MS)) * DAY_MS;
    return { from: new Date(end - days * DAY_MS).toISOString(), to: new Date(end).toISOString() };
  };
  // The activity log's filters, weighted roughly as people use them.
  const allFilters: readonly (() => Record<string, string>)[] = [
    () => ({}),
    () => ({}),
    () => ({ user: pick(data.emails) }),
    () => ({ action: pick(ACTIONS) }),
    () => window(1),
    () => ({ country: pick(data.countries) }),
    () => ({ q: pick(WORDS) }),
    () => ({ user: pick(data.emails), ...window(7) }),
    () => ({ action: pick(ACTIONS), ...window(7) }),
  ];
  const only = options.only;
  const filters = only && "activities" in only ? allFilters.filter((f) => kindOf(f()) === only.activities) : allFilters;
  if (filters.length === 0) throw new Error(`load-browsing: no filter of kind ${only && "activities" in only ? only.activities : ""}`);
  const isKnownAction = new Set(EVENT_ACTIONS.map((a) => a.key));
  if (!ACTIONS.every((a) => isKnownAction.has(a))) throw new Error("load-browsing: unknown action key");

  let nextCredential = 0;
  const statusCodes: Record<string, number> = {};
  const times = new Map<string, number[]>();
  const send = (route: string, path: string) => (req: TCannonRequest, context: TContext): TCannonRequest => {
    context.headers ??= { ...data.credentials[nextCredential++ % data.credentials.length] };
    context.route = route;
    context.sentAt = performance.now();
    return { ...req, method: "GET", path, headers: { ...context.headers, accept: "application/json" } };
  };
  const record = (status: number, context: TContext) => {
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    const route = context.route ?? "?";
    if (!times.has(route)) times.set(route, []);
    times.get(route)!.push(performance.now() - (context.sentAt ?? performance.now()));
  };
  const parse = <T>(body: string): T | null => {
    try {
      return JSON.parse(body) as T;
    } catch {
      return null;
    }
  };

  const setupFirstPage = (req: TCannonRequest, context: TContext) => {
    const filter = pick(filters)();
    context.filter = filter;
    return send(`activities: first page (${kindOf(filter)})`, `/api/v1/activities${query(filter)}`)(req, context);
  };
  const firstPage: TCannonRequest = {
    setupRequest: setupFirstPage,
    onResponse: (status, body, context: TContext) => {
      record(status, context);
      context.cursor = status === 200 ? (parse<{ nextCursor: string | null }>(body)?.nextCursor ?? null) : null;
    },
  };
  const nextPage: TCannonRequest = {
    setupRequest: (req, context: TContext) => {
      if (!context.cursor) return setupFirstPage(req, context);
      const params = { ...context.filter, cursor: context.cursor };
      return send("activities: next page", `/api/v1/activities${query(params)}`)(req, context);
    },
    onResponse: (status, body, context: TContext) => {
      record(status, context);
      context.cursor = null;
    },
  };
  const alertList: TCannonRequest = {
    setupRequest: (req, context: TContext) => {
      const params = { ...pick(ALERT_TABS), sort: pick(ALERT_SORTS) };
      return send(`alerts: list (sort ${params.sort})`, `/api/v1/alerts${query(params)}`)(req, context);
    },
    onResponse: (status, body, context: TContext) => {
      record(status, context);
      context.alertIds = status === 200 ? (parse<{ data: { id: string }[] }>(body)?.data.map((a) => a.id) ?? []) : [];
    },
  };
  const alertDetail: TCannonRequest = {
    setupRequest: (req, context: TContext) => send("alerts: detail", `/api/v1/alerts/${pick(context.alertIds?.length ? context.alertIds : data.alertIds)}`)(req, context),
    onResponse: (status, _body, context: TContext) => record(status, context),
  };
  const me: TCannonRequest = {
    setupRequest: (req, context: TContext) => send("me", "/api/v1/me")(req, context),
    onResponse: (status, _body, context: TContext) => record(status, context),
  };
  const dashboard: TCannonRequest = {
    setupRequest: (req, context: TContext) => send("dashboard", `/api/v1/dashboard?range=${pick(DASHBOARD_RANGES)}`)(req, context),
    onResponse: (status, _body, context: TContext) => record(status, context),
  };

  const cycle = !only
    ? [firstPage, nextPage, alertList, alertDetail, firstPage, nextPage, alertList, options.withDashboard === false ? alertDetail : dashboard]
    : "activities" in only
      ? [firstPage, nextPage]
      : "alerts" in only
        ? [alertList, alertDetail]
        : "me" in only
          ? [me]
          : [dashboard];
  return {
    requests: cycle,
    statusCodes,
    summary: () =>
      Object.fromEntries(
        [...times.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([route, ms]) => [route, { requests: ms.length, p50Ms: Math.round(percentile(ms, 50)), p95Ms: Math.round(percentile(ms, 95)), maxMs: Math.round(Math.max(...ms)) }]),
      ),
  };
};
