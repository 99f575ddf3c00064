import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { ALERTS_VERSION } from "./alert-repository";

// The dashboard reads the rollups and the (small) alerts and connectors tables only: never activities, on the
// pg pool as before. Rollups of a deleted connector are ignored until the rollup job removes them.
// Each group of figures is one statement of JSON subqueries (one round trip, bench:load): typed `sql` fragments,
// as the builder cannot nest aggregates into one JSON row without changing the plans bench:load tuned.
const LIVE = sql`connector_id IN (SELECT id FROM connectors)`;
const OPEN_STATUSES = sql`('open', 'in_progress')`;

export type SeriesRow = Readonly<{ t: Date; product: string; count: number; failed: number }>;

export type TopUserRow = Readonly<{
  connectorId: string;
  actorId: string;
  name: string | null;
  email: string | null;
  count: number;
  failedLogins: number;
  userId: string | null;
}>;

/** Figures from the rollups; `version` names the rollup state they were read from (ROLLUP_VERSION). */
export type RollupFigures = Readonly<{
  version: string;
  series: SeriesRow[];
  /** Activities in the hourly rollups from `last24hFrom`. */
  last24h: number;
  topActors: { rows: TopUserRow[]; distinct: number };
  topCountries: { countryCode: string; count: number }[];
}>;

export type AlertFigures = Readonly<{
  /** The alerts' version (change_counters) the figures were read at; null when the counter is missing. */
  version: string | null;
  /** Open (open or in progress) alerts by severity, whatever their age. */
  openAlerts: Map<string, number>;
  alertsByPolicy: { policyKey: string; policyName: string; count: number; open: number }[];
}>;

// The rollups change only with their consumer cursors, in the same transaction (rollup-repository.ts: a batch
// advances last_seq, a rebuild sets updated_at, a deleted connector's cursor is dropped), and the dashboard
// reads only live connectors' rows: equal versions mean equal rollups.
const ROLLUP_VERSION = sql<string>`SELECT concat_ws('|',
    (SELECT string_agg(connector_id || ':' || last_seq || ':' || extract(epoch FROM updated_at), ',' ORDER BY connector_id)
       FROM activity_consumer_cursors WHERE consumer = 'rollups'),
    (SELECT string_agg(id::text, ',' ORDER BY id) FROM connectors))`;

type RollupOptions = Readonly<{ from: Date; bucket: "hour" | "day"; last24hFrom: Date; dayFrom: string; limit: number; excludeActorName: string }>;

/**
 * Activities per bucket and product, and failed logins per bucket: hours from the hourly rollups, UTC days
 * from the (much smaller) daily product rollups.
 */
const SERIES_SQL = {
  hour: (o: RollupOptions) => sql`SELECT hour AS t, product, sum(count) AS n, COALESCE(sum(count) FILTER (WHERE action = 'user_login_failed'), 0) AS failed
    FROM activity_rollups_hourly WHERE hour >= ${o.from} AND ${LIVE} GROUP BY 1, 2`,
  day: (o: RollupOptions) => sql`SELECT (day::timestamp AT TIME ZONE 'UTC') AS t, product, sum(count) AS n, sum(failed_logins) AS failed
    FROM activity_rollups_daily_product WHERE day >= (${o.from}::timestamptz AT TIME ZONE 'UTC')::date AND ${LIVE} GROUP BY 1, 2`,
};

const LAST_24H_SQL = (o: RollupOptions) => sql`SELECT COALESCE(sum(count), 0) FROM activity_rollups_hourly WHERE hour >= ${o.last24hFrom} AND ${LIVE}`;

// The most active accounts over whole UTC days from dayFrom (without the system actor), with their Atlassian user id
// when synced; `accounts` counts every account with activity. One pass over the per-account rows: the sums give both
// the top N and the number of accounts. Whole ISO weeks come from the weekly rows, the days before the first whole
// week and those of the current week from the daily rows: with 10,000 accounts, 90 days are 880k daily rows but
// about 240k this way (bench:scale). Live connectors are checked per account (HAVING), not per row (15% less work,
// bench:load).
const TOP_ACTORS_SQL = (o: RollupOptions) => {
  // Any Monday split counts each day once: whole weeks in [firstWeek, thisWeek), days before and from there on.
  const firstWeek = mondayOnOrAfter(o.dayFrom);
  const thisWeek = mondayOnOrAfter(isoDay(new Date(Date.now() - 6 * DAY_MS)));
  const headEnd = firstWeek < thisWeek ? firstWeek : thisWeek;
  const tailFrom = thisWeek > o.dayFrom ? thisWeek : o.dayFrom;
  return sql`WITH per_period AS (
    SELECT connector_id, actor_id, actor_name, actor_email, count, failed_logins FROM activity_rollups_daily_actor
    WHERE day >= ${o.dayFrom}::date AND day < ${headEnd}::date
    UNION ALL
    SELECT connector_id, actor_id, actor_name, actor_email, count, failed_logins FROM activity_rollups_daily_actor WHERE day >= ${tailFrom}::date
    UNION ALL
    SELECT connector_id, actor_id, actor_name, actor_email, count, failed_logins FROM activity_rollups_weekly_actor
    WHERE week >= ${firstWeek}::date AND week < ${thisWeek}::date),
  a AS (
    SELECT connector_id, actor_id, max(actor_name) AS name, max(actor_email) AS email, sum(count) AS n, sum(failed_logins) AS failed
    FROM per_period GROUP BY 1, 2 HAVING ${LIVE}),
  t AS (SELECT * FROM a WHERE name IS DISTINCT FROM ${o.excludeActorName} ORDER BY n DESC, actor_id LIMIT ${o.limit})
  SELECT (SELECT count(*) FROM a) AS accounts, COALESCE((SELECT json_agg(json_build_object('connectorId', t.connector_id, 'actorId', t.actor_id,
      'name', COALESCE(u.name, t.name), 'email', COALESCE(u.email, t.email), 'count', t.n, 'failedLogins', t.failed, 'userId', u.id) ORDER BY t.n DESC, t.actor_id)
    FROM t LEFT JOIN atlassian_users u ON u.connector_id = t.connector_id AND u.account_id = t.actor_id), '[]') AS rows`;
};

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The Monday (UTC) on or after a YYYY-MM-DD day: ISO weeks start on Monday, as date_trunc('week') in the fold. */
const mondayOnOrAfter = (day: string): string => {
  const d = new Date(`${day}T00:00:00.000Z`);
  return isoDay(new Date(d.getTime() + ((8 - d.getUTCDay()) % 7) * DAY_MS));
};

// Activities per country ('' = unknown) over whole UTC days from dayFrom, most first.
const TOP_COUNTRIES_SQL = (o: RollupOptions) => sql`SELECT country_code AS "countryCode", sum(count) AS count FROM activity_rollups_daily_country
  WHERE day >= ${o.dayFrom}::date AND ${LIVE} GROUP BY 1 ORDER BY sum(count) DESC, country_code LIMIT ${o.limit}`;

// Grouped by the enum itself, not its text: a third cheaper.
const OPEN_ALERTS_SQL = sql`SELECT severity::text AS severity, count(*) AS n FROM alerts WHERE status IN ${OPEN_STATUSES} GROUP BY alerts.severity`;

// Alerts raised since `from` per policy, with how many of them are still open: counted in one hash aggregate, then
// each top policy's latest name by the created_at index (an ordered array_agg sorted every alert of the range:
// 4× the cost, bench:load).
const ALERTS_BY_POLICY_SQL = (from: Date, limit: number) => sql`WITH g AS (
    SELECT policy_key, count(*) AS n, count(*) FILTER (WHERE status IN ${OPEN_STATUSES}) AS open
    FROM alerts WHERE created_at >= ${from} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${limit})
  SELECT g.policy_key AS "policyKey",
    (SELECT a.policy_name FROM alerts a WHERE a.policy_key = g.policy_key AND a.created_at >= ${from} ORDER BY a.created_at DESC LIMIT 1) AS "policyName",
    g.n AS count, g.open
  FROM g ORDER BY g.n DESC, g.policy_key`;

// Each group of figures in one statement, each part as JSON: one round trip instead of several (each costs the
// web process a socket write and a read, the largest part of its CPU under load: bench:load, docs/benchmarks.md).
const ROLLUP_FIGURES_SQL = (o: RollupOptions) => sql<{
  version: string;
  series: { t: string; product: string; n: number | string; failed: number | string }[];
  last24h: string;
  actors: { accounts: number; rows: TopUserRow[] };
  countries: { countryCode: string; count: number }[];
}>`SELECT
  (${ROLLUP_VERSION}) AS version,
  (SELECT COALESCE(json_agg(s), '[]') FROM (${SERIES_SQL[o.bucket](o)}) s) AS series,
  (${LAST_24H_SQL(o)}) AS last24h,
  (SELECT row_to_json(x) FROM (${TOP_ACTORS_SQL(o)}) x) AS actors,
  (SELECT COALESCE(json_agg(c ORDER BY c.count DESC, c."countryCode"), '[]') FROM (${TOP_COUNTRIES_SQL(o)}) c) AS countries`;

// The versions of the rollups and of the alerts, and the alert figures only when the caller's (knownVersion, of the same
// range) are outdated: a CASE runs its subquery only when that branch is taken. ALERTS_VERSION is
// alert-repository's SQL text (A1's), embedded as it is.
const ALERT_FIGURES_SQL = (o: Readonly<{ from: Date; limit: number; knownVersion?: string | null }>) => sql<{
  rollup_version: string;
  alerts_version: string | null;
  open_alerts: { severity: string; n: number }[] | null;
  policies: { policyKey: string; policyName: string; count: number; open: number }[] | null;
}>`WITH v AS (SELECT ${sql.raw(ALERTS_VERSION)} AS version)
  SELECT (${ROLLUP_VERSION}) AS rollup_version, v.version AS alerts_version,
  CASE WHEN v.version = ${o.knownVersion ?? null}::text THEN NULL ELSE (SELECT COALESCE(json_agg(o), '[]') FROM (${OPEN_ALERTS_SQL}) o) END AS open_alerts,
  CASE WHEN v.version = ${o.knownVersion ?? null}::text THEN NULL ELSE
    (SELECT COALESCE(json_agg(p ORDER BY p.count DESC, p."policyKey"), '[]') FROM (${ALERTS_BY_POLICY_SQL(o.from, o.limit)}) p) END AS policies
  FROM v`;

/** The dashboard's figures from the rollups for one range, and the version of the rollups they come from. */
export const selectRollupFigures = async (options: RollupOptions, sqlDb: Sql = getSql()): Promise<RollupFigures> => {
  // Not a named (prepared) statement: the ranges differ enough in size that each should get its own plan.
  const { rows } = await ROLLUP_FIGURES_SQL(options).execute(sqlDb);
  const row = rows[0];
  if (!row) throw new Error("the dashboard query returned no row");
  return {
    version: row.version,
    series: row.series.map((r) => ({ t: new Date(r.t), product: r.product, count: Number(r.n), failed: Number(r.failed) })),
    last24h: Number(row.last24h),
    topActors: {
      rows: row.actors.rows
        .map((r) => ({ ...r, count: Number(r.count), failedLogins: Number(r.failedLogins) }))
        .sort((a, b) => b.count - a.count || a.actorId.localeCompare(b.actorId)),
      distinct: Number(row.actors.accounts),
    },
    topCountries: row.countries.map((r) => ({ countryCode: r.countryCode, count: Number(r.count) })),
  };
};

/**
 * The rollups' and the alerts' current versions, with open alerts by severity and alerts per policy since
 * `from` (top `limit`); `figures` is null when `knownVersion` (of figures the caller holds for the same
 * `from` and `limit`) is still the alerts' current version.
 */
export const selectAlertFigures = async (
  options: Readonly<{ from: Date; limit: number; knownVersion?: string | null }>,
  sqlDb: Sql = getSql(),
): Promise<{ rollupVersion: string; figures: AlertFigures | null }> => {
  const { rows } = await ALERT_FIGURES_SQL(options).execute(sqlDb);
  const row = rows[0];
  if (!row) throw new Error("the dashboard query returned no row");
  const { open_alerts: openAlerts, policies } = row;
  return {
    rollupVersion: row.rollup_version,
    figures:
      openAlerts === null || policies === null
        ? null
        : {
            version: row.alerts_version,
            openAlerts: new Map(openAlerts.map((r) => [r.severity, Number(r.n)])),
            alertsByPolicy: policies.map((r) => ({ policyKey: r.policyKey, policyName: r.policyName, count: Number(r.count), open: Number(r.open) })),
          },
  };
};

export type SessionFigures = Readonly<{ protectedSites: number; sessions: number; unmanaged: number; downloadsBlocked: number }>;

// The Sessions card (issue 22): sessions the proxy started since `from` (proxy_sessions by its last-activity index: a
// session started in the range was active in it), how many on unmanaged devices, and blocked downloads and exports
// (activities by the partial index activities_session_outcome_idx, which holds only the requests a policy matched).
// One statement; read on every load, as no change counter covers the proxy's writes.
const SESSION_FIGURES_SQL = (from: Date, downloadActions: readonly string[]) => sql<{ protected_sites: number; sessions: string; unmanaged: string; blocked: string }>`
  SELECT (SELECT count(*)::int FROM atlassian_sites WHERE is_protected) AS protected_sites, s.sessions, s.unmanaged,
    (SELECT count(*) FROM activities WHERE session_outcome = 'blocked' AND event_time >= ${from} AND action = ANY(${[...downloadActions]}::text[])) AS blocked
  FROM (SELECT count(*) AS sessions, count(*) FILTER (WHERE NOT device_managed) AS unmanaged
        FROM proxy_sessions WHERE last_activity_at >= ${from} AND started_at >= ${from}) s`;

/** The Sessions card's figures since `from`: protected sites, proxied sessions started, of them unmanaged, downloads blocked. */
export const selectSessionFigures = async (options: Readonly<{ from: Date; downloadActions: readonly string[] }>, sqlDb: Sql = getSql()): Promise<SessionFigures> => {
  const { rows } = await SESSION_FIGURES_SQL(options.from, options.downloadActions).execute(sqlDb);
  const row = rows[0];
  if (!row) throw new Error("the dashboard query returned no row");
  return { protectedSites: row.protected_sites, sessions: Number(row.sessions), unmanaged: Number(row.unmanaged), downloadsBlocked: Number(row.blocked) };
};
