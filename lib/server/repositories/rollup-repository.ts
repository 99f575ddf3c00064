import type pg from "pg";
import { getPgPool, inPgTransaction } from "../db";

/** The consumer name of the rollups in activity_consumer_cursors. */
export const ROLLUP_CONSUMER = "rollups";

const ROLLUP_TABLES = [
  "activity_rollups_hourly",
  "activity_rollups_daily_product",
  "activity_rollups_daily_actor",
  "activity_rollups_daily_country",
  "user_locations_seen",
] as const;

type Range = Readonly<{ connectorId: string; fromSeq: string; toSeq: string }>;

// Every aggregate reads activities of one connector with fromSeq < seq <= toSeq (the (connector_id, seq)
// index) and adds onto what is stored, so applying a range exactly once gives the GROUP BY of all rows.
// Hours and days are UTC whatever the session's time zone.
const ROLLUP_STATEMENTS: readonly string[] = [
  `INSERT INTO activity_rollups_hourly AS r (connector_id, hour, product, action, count)
   SELECT connector_id, date_trunc('hour', event_time, 'UTC'), product, action, count(*)
   FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
   GROUP BY connector_id, 2, product, action
   ON CONFLICT (connector_id, hour, product, action) DO UPDATE SET count = r.count + EXCLUDED.count`,
  `INSERT INTO activity_rollups_daily_product AS r (connector_id, day, product, count, failed_logins)
   SELECT connector_id, (event_time AT TIME ZONE 'UTC')::date, product, count(*), count(*) FILTER (WHERE action = 'user_login_failed')
   FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
   GROUP BY connector_id, 2, product
   ON CONFLICT (connector_id, day, product) DO UPDATE SET count = r.count + EXCLUDED.count, failed_logins = r.failed_logins + EXCLUDED.failed_logins`,
  `INSERT INTO activity_rollups_daily_actor AS r (connector_id, day, actor_id, actor_name, actor_email, count, failed_logins)
   SELECT connector_id, (event_time AT TIME ZONE 'UTC')::date, actor_id,
     (array_agg(actor_name ORDER BY seq DESC) FILTER (WHERE actor_name IS NOT NULL))[1],
     (array_agg(actor_email ORDER BY seq DESC) FILTER (WHERE actor_email IS NOT NULL))[1],
     count(*), count(*) FILTER (WHERE action = 'user_login_failed')
   FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
   GROUP BY connector_id, 2, actor_id
   ON CONFLICT (connector_id, day, actor_id) DO UPDATE SET count = r.count + EXCLUDED.count,
     failed_logins = r.failed_logins + EXCLUDED.failed_logins,
     actor_name = COALESCE(EXCLUDED.actor_name, r.actor_name), actor_email = COALESCE(EXCLUDED.actor_email, r.actor_email)`,
  `INSERT INTO activity_rollups_daily_country AS r (connector_id, day, country_code, count)
   SELECT connector_id, (event_time AT TIME ZONE 'UTC')::date, COALESCE(country_code, ''), count(*)
   FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
   GROUP BY connector_id, 2, 3
   ON CONFLICT (connector_id, day, country_code) DO UPDATE SET count = r.count + EXCLUDED.count`,
  // The location of an IP is the one of its latest activity (by event time).
  `INSERT INTO user_locations_seen AS r (connector_id, actor_id, ip, country_code, country, city, first_seen, last_seen, count)
   SELECT connector_id, actor_id, COALESCE(host(ip), ''),
     (array_agg(country_code ORDER BY event_time DESC, seq DESC))[1], (array_agg(country ORDER BY event_time DESC, seq DESC))[1],
     (array_agg(city ORDER BY event_time DESC, seq DESC))[1], min(event_time), max(event_time), count(*)
   FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint AND seq <= $3::bigint
   GROUP BY connector_id, actor_id, 3
   ON CONFLICT (connector_id, actor_id, ip) DO UPDATE SET count = r.count + EXCLUDED.count,
     first_seen = LEAST(r.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen),
     country_code = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.country_code ELSE r.country_code END,
     country = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.country ELSE r.country END,
     city = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.city ELSE r.city END`,
];

const applyRange = async (client: pg.PoolClient, range: Range) => {
  for (const sql of ROLLUP_STATEMENTS) await client.query(sql, [range.connectorId, range.fromSeq, range.toSeq]);
};

const inTransaction = inPgTransaction;

/** Makes sure every connector has a rollup cursor; drops cursors and rollups of deleted connectors. */
export const syncRollupCursors = async (): Promise<{ connectorIds: string[]; removed: number }> => {
  const pool = getPgPool();
  await pool.query(
    `INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at)
     SELECT $1, id, 0, now() FROM connectors ON CONFLICT DO NOTHING`,
    [ROLLUP_CONSUMER],
  );
  const gone = await pool.query<{ connector_id: string }>(
    `DELETE FROM activity_consumer_cursors c WHERE c.consumer = $1 AND NOT EXISTS (SELECT 1 FROM connectors WHERE id = c.connector_id)
     RETURNING connector_id`,
    [ROLLUP_CONSUMER],
  );
  const removedIds = gone.rows.map((r) => r.connector_id);
  if (removedIds.length) {
    for (const table of ROLLUP_TABLES) {
      await pool.query(`DELETE FROM ${table} WHERE connector_id = ANY($1::uuid[])`, [removedIds]);
    }
  }
  const { rows } = await pool.query<{ connector_id: string }>("SELECT connector_id FROM activity_consumer_cursors WHERE consumer = $1 ORDER BY connector_id", [
    ROLLUP_CONSUMER,
  ]);
  return { connectorIds: rows.map((r) => r.connector_id), removed: removedIds.length };
};

export type RollupBatchResult = Readonly<{ status: "applied"; activities: number; lastSeq: string } | { status: "idle" } | { status: "busy" }>;

/**
 * Folds the next batch of a connector's activities (seq > cursor, at most `batchSize`) into the rollups and
 * advances the cursor, in one transaction: a crash keeps both or neither. The cursor row is locked with
 * SKIP LOCKED, so a second consumer on the same connector backs off ("busy") instead of counting twice.
 */
export const applyRollupBatch = (connectorId: string, batchSize: number): Promise<RollupBatchResult> =>
  inTransaction(async (client) => {
    const cursor = await client.query<{ last_seq: string }>(
      "SELECT last_seq::text FROM activity_consumer_cursors WHERE consumer = $1 AND connector_id = $2::uuid FOR UPDATE SKIP LOCKED",
      [ROLLUP_CONSUMER, connectorId],
    );
    const fromSeq = cursor.rows[0]?.last_seq;
    if (fromSeq === undefined) return { status: "busy" } as const;
    const bound = await client.query<{ to_seq: string | null; n: string }>(
      `SELECT max(seq)::text AS to_seq, count(*)::text AS n FROM (
         SELECT seq FROM activities WHERE connector_id = $1::uuid AND seq > $2::bigint ORDER BY seq LIMIT $3) b`,
      [connectorId, fromSeq, batchSize],
    );
    const toSeq = bound.rows[0]?.to_seq;
    if (!toSeq) return { status: "idle" } as const;
    await applyRange(client, { connectorId, fromSeq, toSeq });
    await client.query("UPDATE activity_consumer_cursors SET last_seq = $3::bigint, updated_at = now() WHERE consumer = $1 AND connector_id = $2::uuid", [
      ROLLUP_CONSUMER,
      connectorId,
      toSeq,
    ]);
    return { status: "applied", activities: Number(bound.rows[0]?.n ?? 0), lastSeq: toSeq } as const;
  });

/**
 * Recomputes one connector's rollups from all its activities (tools, benchmarks, repairs), in one
 * transaction that holds the cursor row so incremental consumers wait.
 */
export const rebuildConnectorRollups = (connectorId: string): Promise<{ activities: number; lastSeq: string }> =>
  inTransaction(async (client) => {
    await client.query(
      `INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at) VALUES ($1, $2::uuid, 0, now()) ON CONFLICT DO NOTHING`,
      [ROLLUP_CONSUMER, connectorId],
    );
    await client.query("SELECT 1 FROM activity_consumer_cursors WHERE consumer = $1 AND connector_id = $2::uuid FOR UPDATE", [ROLLUP_CONSUMER, connectorId]);
    for (const table of ROLLUP_TABLES) {
      await client.query(`DELETE FROM ${table} WHERE connector_id = $1::uuid`, [connectorId]);
    }
    const bound = await client.query<{ to_seq: string | null; n: string }>(
      "SELECT max(seq)::text AS to_seq, count(*)::text AS n FROM activities WHERE connector_id = $1::uuid",
      [connectorId],
    );
    const toSeq = bound.rows[0]?.to_seq ?? "0";
    if (toSeq !== "0") await applyRange(client, { connectorId, fromSeq: "0", toSeq });
    await client.query("UPDATE activity_consumer_cursors SET last_seq = $3::bigint, updated_at = now() WHERE consumer = $1 AND connector_id = $2::uuid", [
      ROLLUP_CONSUMER,
      connectorId,
      toSeq,
    ]);
    return { activities: Number(bound.rows[0]?.n ?? 0), lastSeq: toSeq };
  });

/** Activities per connector since `since` (rounded down to its hour), from the hourly rollups. */
export const sumHourlyRollupsSince = async (connectorIds: readonly string[], since: Date): Promise<Map<string, number>> => {
  if (connectorIds.length === 0) return new Map();
  const { rows } = await getPgPool().query<{ connector_id: string; n: string }>(
    `SELECT connector_id, sum(count)::text AS n FROM activity_rollups_hourly
     WHERE connector_id = ANY($1::uuid[]) AND hour >= date_trunc('hour', $2::timestamptz, 'UTC') GROUP BY connector_id`,
    [connectorIds, since],
  );
  return new Map(rows.map((r) => [r.connector_id, Number(r.n)]));
};
