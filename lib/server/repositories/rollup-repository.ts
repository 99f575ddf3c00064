import { sql, type Transaction } from "kysely";
import type { DB } from "../../generated/kysely/types";
import { getSql, type Sql } from "../db";

// The activity rollups (activity_rollups_*, user_locations_seen) and their consumer cursors, on the pg pool as
// before. The six upserts that fold a range of activities into the rollups stay `sql` fragments: grouped
// INSERT … SELECT … ON CONFLICT with ordered array_agg and FILTER, tuned for the (connector_id, seq) index.

/** The consumer name of the rollups in activity_consumer_cursors. */
export const ROLLUP_CONSUMER = "rollups";

const ROLLUP_TABLES = [
  "activity_rollups_hourly",
  "activity_rollups_daily_product",
  "activity_rollups_daily_actor",
  "activity_rollups_weekly_actor",
  "activity_rollups_daily_country",
  "user_locations_seen",
] as const;

type Range = Readonly<{ connectorId: string; fromSeq: string; toSeq: string }>;

// Per account, per UTC day or ISO week (date_trunc('week') is Monday): counts, failed logins and the latest name and
// email seen. The table and bucket are fixed strings, never input.
const ACTOR_ROLLUP = (r: Range, bucket: "day" | "week") => {
  const table = sql.table(bucket === "day" ? "activity_rollups_daily_actor" : "activity_rollups_weekly_actor");
  const column = sql.ref(bucket);
  const bucketOf = bucket === "day" ? sql`(event_time AT TIME ZONE 'UTC')::date` : sql`date_trunc('week', event_time AT TIME ZONE 'UTC')::date`;
  return sql`INSERT INTO ${table} AS r (connector_id, ${column}, actor_id, actor_name, actor_email, count, failed_logins)
   SELECT connector_id, ${bucketOf}, actor_id,
     (array_agg(actor_name ORDER BY seq DESC) FILTER (WHERE actor_name IS NOT NULL))[1],
     (array_agg(actor_email ORDER BY seq DESC) FILTER (WHERE actor_email IS NOT NULL))[1],
     count(*), count(*) FILTER (WHERE action = 'user_login_failed')
   FROM activities WHERE connector_id = ${r.connectorId}::uuid AND seq > ${r.fromSeq}::bigint AND seq <= ${r.toSeq}::bigint
   GROUP BY connector_id, 2, actor_id
   ON CONFLICT (connector_id, ${column}, actor_id) DO UPDATE SET count = r.count + EXCLUDED.count,
     failed_logins = r.failed_logins + EXCLUDED.failed_logins,
     actor_name = COALESCE(EXCLUDED.actor_name, r.actor_name), actor_email = COALESCE(EXCLUDED.actor_email, r.actor_email)`;
};

// Every aggregate reads activities of one connector with fromSeq < seq <= toSeq (the (connector_id, seq)
// index) and adds onto what is stored, so applying a range exactly once gives the GROUP BY of all rows.
// Hours and days are UTC whatever the session's time zone.
const ROLLUP_STATEMENTS = (r: Range) => [
  sql`INSERT INTO activity_rollups_hourly AS r (connector_id, hour, product, action, count)
   SELECT connector_id, date_trunc('hour', event_time, 'UTC'), product, action, count(*)
   FROM activities WHERE connector_id = ${r.connectorId}::uuid AND seq > ${r.fromSeq}::bigint AND seq <= ${r.toSeq}::bigint
   GROUP BY connector_id, 2, product, action
   ON CONFLICT (connector_id, hour, product, action) DO UPDATE SET count = r.count + EXCLUDED.count`,
  sql`INSERT INTO activity_rollups_daily_product AS r (connector_id, day, product, count, failed_logins)
   SELECT connector_id, (event_time AT TIME ZONE 'UTC')::date, product, count(*), count(*) FILTER (WHERE action = 'user_login_failed')
   FROM activities WHERE connector_id = ${r.connectorId}::uuid AND seq > ${r.fromSeq}::bigint AND seq <= ${r.toSeq}::bigint
   GROUP BY connector_id, 2, product
   ON CONFLICT (connector_id, day, product) DO UPDATE SET count = r.count + EXCLUDED.count, failed_logins = r.failed_logins + EXCLUDED.failed_logins`,
  ACTOR_ROLLUP(r, "day"),
  ACTOR_ROLLUP(r, "week"),
  sql`INSERT INTO activity_rollups_daily_country AS r (connector_id, day, country_code, count)
   SELECT connector_id, (event_time AT TIME ZONE 'UTC')::date, COALESCE(country_code, ''), count(*)
   FROM activities WHERE connector_id = ${r.connectorId}::uuid AND seq > ${r.fromSeq}::bigint AND seq <= ${r.toSeq}::bigint
   GROUP BY connector_id, 2, 3
   ON CONFLICT (connector_id, day, country_code) DO UPDATE SET count = r.count + EXCLUDED.count`,
  // The location of an IP is the one of its latest activity (by event time).
  sql`INSERT INTO user_locations_seen AS r (connector_id, actor_id, ip, country_code, country, city, first_seen, last_seen, count)
   SELECT connector_id, actor_id, COALESCE(host(ip), ''),
     (array_agg(country_code ORDER BY event_time DESC, seq DESC))[1], (array_agg(country ORDER BY event_time DESC, seq DESC))[1],
     (array_agg(city ORDER BY event_time DESC, seq DESC))[1], min(event_time), max(event_time), count(*)
   FROM activities WHERE connector_id = ${r.connectorId}::uuid AND seq > ${r.fromSeq}::bigint AND seq <= ${r.toSeq}::bigint
   GROUP BY connector_id, actor_id, 3
   ON CONFLICT (connector_id, actor_id, ip) DO UPDATE SET count = r.count + EXCLUDED.count,
     first_seen = LEAST(r.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(r.last_seen, EXCLUDED.last_seen),
     country_code = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.country_code ELSE r.country_code END,
     country = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.country ELSE r.country END,
     city = CASE WHEN EXCLUDED.last_seen >= r.last_seen THEN EXCLUDED.city ELSE r.city END`,
];

const applyRange = async (trx: Transaction<DB>, range: Range) => {
  for (const statement of ROLLUP_STATEMENTS(range)) await statement.execute(trx);
};

const cursorOf = (db: Sql, connectorId: string) =>
  db.selectFrom("activity_consumer_cursors").where("consumer", "=", ROLLUP_CONSUMER).where("connector_id", "=", sql<string>`${connectorId}::uuid`);

const advanceCursor = (trx: Transaction<DB>, connectorId: string, toSeq: string) =>
  trx
    .updateTable("activity_consumer_cursors")
    .set({ last_seq: sql<string>`${toSeq}::bigint`, updated_at: sql<Date>`now()` })
    .where("consumer", "=", ROLLUP_CONSUMER)
    .where("connector_id", "=", sql<string>`${connectorId}::uuid`)
    .execute();

/** Makes sure every connector has a rollup cursor; drops cursors and rollups of deleted connectors. */
export const syncRollupCursors = async (sqlDb: Sql = getSql()): Promise<{ connectorIds: string[]; removed: number }> => {
  await sqlDb
    .insertInto("activity_consumer_cursors")
    .columns(["consumer", "connector_id", "last_seq", "updated_at"])
    .expression((eb) => eb.selectFrom("connectors").select((s) => [s.val(ROLLUP_CONSUMER).as("consumer"), "id", sql.lit(0).as("last_seq"), sql<Date>`now()`.as("updated_at")]))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const gone = await sqlDb
    .deleteFrom("activity_consumer_cursors as c")
    .where("c.consumer", "=", ROLLUP_CONSUMER)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("connectors").select("id").whereRef("id", "=", "c.connector_id"))))
    .returning("connector_id")
    .execute();
  const removedIds = gone.map((r) => r.connector_id);
  if (removedIds.length) {
    for (const table of ROLLUP_TABLES) {
      await sqlDb.deleteFrom(table).where("connector_id", "=", sql<string>`ANY(${removedIds}::uuid[])`).execute();
    }
  }
  const rows = await sqlDb.selectFrom("activity_consumer_cursors").select("connector_id").where("consumer", "=", ROLLUP_CONSUMER).orderBy("connector_id").execute();
  return { connectorIds: rows.map((r) => r.connector_id), removed: removedIds.length };
};

export type RollupBatchResult = Readonly<{ status: "applied"; activities: number; lastSeq: string } | { status: "idle" } | { status: "busy" }>;

/**
 * Folds the next batch of a connector's activities (seq > cursor, at most `batchSize`) into the rollups and
 * advances the cursor, in one transaction: a crash keeps both or neither. The cursor row is locked with
 * SKIP LOCKED, so a second consumer on the same connector backs off ("busy") instead of counting twice.
 */
export const applyRollupBatch = (connectorId: string, batchSize: number, sqlDb: Sql = getSql()): Promise<RollupBatchResult> =>
  sqlDb.transaction().execute(async (trx) => {
    const cursor = await cursorOf(trx, connectorId).select(sql<string>`last_seq::text`.as("last_seq")).forUpdate().skipLocked().executeTakeFirst();
    const fromSeq = cursor?.last_seq;
    if (fromSeq === undefined) return { status: "busy" } as const;
    const bound = await trx
      .selectFrom((eb) =>
        eb
          .selectFrom("activities")
          .select("seq")
          .where("connector_id", "=", sql<string>`${connectorId}::uuid`)
          .where("seq", ">", sql<string>`${fromSeq}::bigint`)
          .orderBy("seq")
          .limit(batchSize)
          .as("b"),
      )
      .select((eb) => [eb.cast<string | null>(eb.fn.max("b.seq"), "text").as("to_seq"), eb.cast<string>(eb.fn.countAll(), "text").as("n")])
      .executeTakeFirst();
    const toSeq = bound?.to_seq;
    if (!toSeq) return { status: "idle" } as const;
    await applyRange(trx, { connectorId, fromSeq, toSeq });
    await advanceCursor(trx, connectorId, toSeq);
    return { status: "applied", activities: Number(bound?.n ?? 0), lastSeq: toSeq } as const;
  });

/**
 * Recomputes one connector's rollups from all its activities (tools, benchmarks, repairs), in one
 * transaction that holds the cursor row so incremental consumers wait.
 */
export const rebuildConnectorRollups = (connectorId: string, sqlDb: Sql = getSql()): Promise<{ activities: number; lastSeq: string }> =>
  sqlDb.transaction().execute(async (trx) => {
    await trx
      .insertInto("activity_consumer_cursors")
      .values({ consumer: ROLLUP_CONSUMER, connector_id: sql<string>`${connectorId}::uuid`, last_seq: sql<string>`0`, updated_at: sql<Date>`now()` })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await cursorOf(trx, connectorId).select(sql.lit(1).as("one")).forUpdate().execute();
    for (const table of ROLLUP_TABLES) {
      await trx.deleteFrom(table).where("connector_id", "=", sql<string>`${connectorId}::uuid`).execute();
    }
    const bound = await trx
      .selectFrom("activities")
      .select((eb) => [eb.cast<string | null>(eb.fn.max("seq"), "text").as("to_seq"), eb.cast<string>(eb.fn.countAll(), "text").as("n")])
      .where("connector_id", "=", sql<string>`${connectorId}::uuid`)
      .executeTakeFirst();
    const toSeq = bound?.to_seq ?? "0";
    if (toSeq !== "0") await applyRange(trx, { connectorId, fromSeq: "0", toSeq });
    await advanceCursor(trx, connectorId, toSeq);
    return { activities: Number(bound?.n ?? 0), lastSeq: toSeq };
  });

/** Activities per connector since `since` (rounded down to its hour), from the hourly rollups. */
export const sumHourlyRollupsSince = async (connectorIds: readonly string[], since: Date, sqlDb: Sql = getSql()): Promise<Map<string, number>> => {
  if (connectorIds.length === 0) return new Map();
  const rows = await sqlDb
    .selectFrom("activity_rollups_hourly")
    .select((eb) => ["connector_id", eb.cast<string>(eb.fn.sum("count"), "text").as("n")])
    .where("connector_id", "=", sql<string>`ANY(${[...connectorIds]}::uuid[])`)
    .where("hour", ">=", sql<Date>`date_trunc('hour', ${since}::timestamptz, 'UTC')`)
    .groupBy("connector_id")
    .execute();
  return new Map(rows.map((r) => [r.connector_id, Number(r.n)]));
};

/** The IPs an account was seen from (rollup user_locations_seen), newest first. */
export const listUserLocations = async (connectorId: string, accountId: string, limit = 500, db: Sql = getSql()) =>
  db
    .selectFrom("user_locations_seen")
    .select(["ip", "country_code as countryCode", "country", "city", "first_seen as firstSeen", "last_seen as lastSeen", "count"])
    .where("connector_id", "=", connectorId)
    .where("actor_id", "=", accountId)
    .orderBy("last_seen", "desc")
    .limit(limit)
    .execute();

export type UserLocationRow = Awaited<ReturnType<typeof listUserLocations>>[number];
