import { getPgPool } from "../db";

// The dashboard reads the rollups and the (small) alerts and connectors tables only: never activities.
// Rollups of a deleted connector are ignored until the rollup job removes them.
const LIVE = "connector_id IN (SELECT id FROM connectors)";
const OPEN_STATUSES = "('open', 'in_progress')";

export type SeriesRow = Readonly<{ t: Date; product: string; count: number; failed: number }>;

/**
 * Activities per bucket and product, and failed logins per bucket: hours from the hourly rollups, UTC days
 * from the (much smaller) daily product rollups.
 */
export const selectActivitySeries = async (options: Readonly<{ from: Date; bucket: "hour" | "day" }>): Promise<SeriesRow[]> => {
  const sql =
    options.bucket === "hour"
      ? `SELECT hour AS t, product, sum(count)::text AS n, COALESCE(sum(count) FILTER (WHERE action = 'user_login_failed'), 0)::text AS failed
         FROM activity_rollups_hourly WHERE hour >= $1 AND ${LIVE} GROUP BY 1, 2`
      : `SELECT (day::timestamp AT TIME ZONE 'UTC') AS t, product, sum(count)::text AS n, sum(failed_logins)::text AS failed
         FROM activity_rollups_daily_product WHERE day >= ($1::timestamptz AT TIME ZONE 'UTC')::date AND ${LIVE} GROUP BY 1, 2`;
  const { rows } = await getPgPool().query<{ t: Date; product: string; n: string; failed: string }>(sql, [options.from]);
  return rows.map((r) => ({ t: r.t, product: r.product, count: Number(r.n), failed: Number(r.failed) }));
};

export const sumActivitiesSince = async (from: Date): Promise<number> => {
  const { rows } = await getPgPool().query<{ n: string | null }>(`SELECT sum(count)::text AS n FROM activity_rollups_hourly WHERE hour >= $1 AND ${LIVE}`, [from]);
  return Number(rows[0]?.n ?? 0);
};

export type TopUserRow = Readonly<{
  connectorId: string;
  actorId: string;
  name: string | null;
  email: string | null;
  count: number;
  failedLogins: number;
  userId: string | null;
}>;

/**
 * The most active accounts over whole UTC days from `dayFrom` (without the system actor), with their Atlassian
 * user id when synced; `distinct` counts every account with activity.
 */
export const selectTopActors = async (options: Readonly<{ dayFrom: string; limit: number; excludeActorName: string }>): Promise<{ rows: TopUserRow[]; distinct: number }> => {
  // One pass over the daily rows: the per-account sums give both the top N and the number of accounts.
  const { rows } = await getPgPool().query<{
    connector_id: string;
    actor_id: string;
    name: string | null;
    email: string | null;
    n: string;
    failed: string;
    user_id: string | null;
    accounts: string;
  }>(
    `WITH a AS (
       SELECT connector_id, actor_id, max(actor_name) AS name, max(actor_email) AS email, sum(count) AS n, sum(failed_logins) AS failed
       FROM activity_rollups_daily_actor WHERE day >= $1::date AND ${LIVE} GROUP BY 1, 2),
     t AS (SELECT * FROM a WHERE name IS DISTINCT FROM $3 ORDER BY n DESC, actor_id LIMIT $2)
     SELECT t.connector_id, t.actor_id, COALESCE(u.name, t.name) AS name, COALESCE(u.email, t.email) AS email, t.n::text AS n,
       t.failed::text AS failed, u.id AS user_id, (SELECT count(*) FROM a)::text AS accounts
     FROM t LEFT JOIN atlassian_users u ON u.connector_id = t.connector_id AND u.account_id = t.actor_id
     UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM a)::text WHERE NOT EXISTS (SELECT 1 FROM t)`,
    [options.dayFrom, options.limit, options.excludeActorName],
  );
  const top = rows.filter((r) => r.actor_id !== null);
  return {
    rows: top.sort((a, b) => Number(b.n) - Number(a.n) || a.actor_id.localeCompare(b.actor_id)).map((r) => ({
      connectorId: r.connector_id,
      actorId: r.actor_id,
      name: r.name,
      email: r.email,
      count: Number(r.n),
      failedLogins: Number(r.failed),
      userId: r.user_id,
    })),
    distinct: Number(rows[0]?.accounts ?? 0),
  };
};

/** Activities per country ('' = unknown) over whole UTC days from `dayFrom`, most first. */
export const selectTopCountries = async (options: Readonly<{ dayFrom: string; limit: number }>): Promise<{ countryCode: string; count: number }[]> => {
  const { rows } = await getPgPool().query<{ country_code: string; n: string }>(
    `SELECT country_code, sum(count)::text AS n FROM activity_rollups_daily_country WHERE day >= $1::date AND ${LIVE}
     GROUP BY 1 ORDER BY sum(count) DESC, country_code LIMIT $2`,
    [options.dayFrom, options.limit],
  );
  return rows.map((r) => ({ countryCode: r.country_code, count: Number(r.n) }));
};

/** Open (open or in progress) alerts by severity, whatever their age. */
export const countOpenAlertsBySeverity = async (): Promise<Map<string, number>> => {
  const { rows } = await getPgPool().query<{ severity: string; n: string }>(
    `SELECT severity::text, count(*)::text AS n FROM alerts WHERE status IN ${OPEN_STATUSES} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.severity, Number(r.n)]));
};

/** Alerts raised since `from`, per policy, with how many of them are still open. */
export const countAlertsByPolicySince = async (options: Readonly<{ from: Date; limit: number }>) => {
  const { rows } = await getPgPool().query<{ policy_key: string; policy_name: string; n: string; open: string }>(
    `SELECT policy_key, (array_agg(policy_name ORDER BY created_at DESC))[1] AS policy_name, count(*)::text AS n,
       (count(*) FILTER (WHERE status IN ${OPEN_STATUSES}))::text AS open
     FROM alerts WHERE created_at >= $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT $2`,
    [options.from, options.limit],
  );
  return rows.map((r) => ({ policyKey: r.policy_key, policyName: r.policy_name, count: Number(r.n), open: Number(r.open) }));
};
