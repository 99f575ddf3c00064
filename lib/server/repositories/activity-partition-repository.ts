// Monthly partitions of activities and the online move of an unpartitioned table into them (migration
// 20261207200000_partition_activities, docs/data-model.md "Partitions of activities"). The DDL itself lives in that
// migration's SECURITY DEFINER functions, so an app role that owns no table can run it; these are typed calls.
import { sql } from "kysely";
import { getSql, type Sql } from "../db";

/** The query builder these take, for a caller moving another database than the app's (the move's test). */
export type TPartitionSql = Sql;

export type TActivityPartition = Readonly<{ name: string; from: Date | null; to: Date | null; isDefault: boolean; estimatedRows: number }>;

/** Creates the partition of the month holding `at` when missing (moving that month's rows out of the default partition); returns its name. */
export const ensureActivityPartition = async (at: Date, db: Sql = getSql()): Promise<string> => {
  const { rows } = await sql<{ name: string }>`SELECT activities_ensure_partition(${at}::timestamptz) AS name`.execute(db);
  return rows[0]!.name;
};

/**
 * Drops one monthly partition whole (retention's primitive): its alert links first, then detach and drop. Returns
 * how many alert links went with it. Refuses anything but an activities_pYYYYMM partition of activities.
 */
export const dropActivityPartition = async (name: string, db: Sql = getSql()): Promise<number> => {
  const { rows } = await sql<{ links: string }>`SELECT activities_drop_partition(${name}) AS links`.execute(db);
  return Number(rows[0]!.links);
};

/** The partitioned table: activities, or activities_next while a move runs. */
const partitionedTable = sql<string>`(SELECT c.oid FROM pg_class c WHERE c.relkind = 'p' AND c.relname IN ('activities', 'activities_next')
  AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname = 'activities' DESC LIMIT 1)`;

/** The partitions, oldest month first, the default partition last; rows as the planner's estimate (pg_class.reltuples). */
export const listActivityPartitions = async (db: Sql = getSql()): Promise<TActivityPartition[]> => {
  const { rows } = await sql<{ name: string; bound: string; estimated_rows: number }>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound, greatest(c.reltuples, 0)::float8 AS estimated_rows
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${partitionedTable}
    ORDER BY c.relname = 'activities_default', c.relname`.execute(db);
  return rows.map((r) => {
    const bounds = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(r.bound);
    return {
      name: r.name,
      from: bounds ? new Date(bounds[1]!) : null,
      to: bounds ? new Date(bounds[2]!) : null,
      isDefault: r.bound === "DEFAULT",
      estimatedRows: Number(r.estimated_rows),
    };
  });
};

/** The months (UTC, first instant) that have rows in the default partition: events that came before their partition. */
export const listDefaultPartitionMonths = async (db: Sql = getSql()): Promise<Date[]> => {
  const { rows } = await sql<{ month: Date }>`SELECT DISTINCT date_trunc('month', event_time, 'UTC') AS month FROM activities_default ORDER BY 1`.execute(db);
  return rows.map((r) => r.month);
};

/** The earliest instant any connector syncs from (its backfill start), to create the partitions a backfill fills. */
export const findEarliestSyncFrom = async (db: Sql = getSql()): Promise<Date | null> =>
  (await db.selectFrom("connectors").select((eb) => eb.fn.min<Date | null>("sync_from").as("from")).executeTakeFirst())?.from ?? null;

export type TActivitiesMove = Readonly<{ lastSeq: bigint; rowsCopied: number; startedAt: Date; updatedAt: Date }>;

/** The move's progress, or null when activities is partitioned already (no move pending). */
export const readActivitiesMove = async (db: Sql = getSql()): Promise<TActivitiesMove | null> => {
  const { rows: pending } = await sql<{ pending: boolean }>`SELECT to_regclass('activities_move_progress') IS NOT NULL AS pending`.execute(db);
  if (!pending[0]?.pending) return null;
  const { rows } = await sql<{ last_seq: string; rows_copied: string; started_at: Date; updated_at: Date }>`
    SELECT last_seq, rows_copied, started_at, updated_at FROM activities_move_progress`.execute(db);
  const r = rows[0];
  return r ? { lastSeq: BigInt(r.last_seq), rowsCopied: Number(r.rows_copied), startedAt: r.started_at, updatedAt: r.updated_at } : null;
};

/**
 * The months (UTC) that hold rows in the table being moved, found by index probes from its oldest to its newest
 * event (one probe per month, not a scan of the rows).
 */
export const listLegacyMonths = async (db: Sql = getSql()): Promise<Date[]> => {
  const { rows } = await sql<{ month: Date }>`
    WITH RECURSIVE bounds AS (SELECT date_trunc('month', min(event_time), 'UTC') AS lo, max(event_time) AS hi FROM activities),
    months AS (
      SELECT lo AS month FROM bounds WHERE lo IS NOT NULL
      UNION ALL SELECT (m.month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC' FROM months m, bounds b
      WHERE (m.month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC' <= b.hi
    )
    SELECT month FROM months m WHERE EXISTS (
      SELECT 1 FROM activities a WHERE a.event_time >= m.month AND a.event_time < (m.month AT TIME ZONE 'UTC' + interval '1 month') AT TIME ZONE 'UTC'
    ) ORDER BY 1`.execute(db);
  return rows.map((r) => r.month);
};

/**
 * Copies the next batch of the live table (seq order, after the recorded progress) into activities_next and records
 * the progress, in one transaction: a kill loses at most the batch, which the next run copies again. FOR SHARE holds
 * off an update or delete of a row being copied until the copy commits, when the mirror trigger applies it to the
 * copy; ON CONFLICT skips rows the trigger mirrored first. Returns how many rows the batch read.
 */
export const copyActivitiesBatch = async (limit: number, db: Sql = getSql()): Promise<{ read: number; lastSeq: bigint }> =>
  db.transaction().execute(async (trx) => {
    const { rows: progress } = await sql<{ last_seq: string }>`SELECT last_seq FROM activities_move_progress FOR UPDATE`.execute(trx);
    const after = progress[0]?.last_seq ?? "0";
    const { rows } = await sql<{ read: string; last_seq: string | null }>`
      WITH batch AS (SELECT * FROM activities WHERE seq > ${after}::bigint ORDER BY seq LIMIT ${limit} FOR SHARE),
      copied AS (INSERT INTO activities_next SELECT * FROM batch ON CONFLICT DO NOTHING RETURNING 1)
      SELECT (SELECT count(*) FROM batch) AS read, (SELECT max(seq) FROM batch)::text AS last_seq, (SELECT count(*) FROM copied) AS copied`.execute(trx);
    const read = Number(rows[0]?.read ?? 0);
    const lastSeq = rows[0]?.last_seq ?? after;
    await sql`UPDATE activities_move_progress SET last_seq = ${lastSeq}::bigint, rows_copied = rows_copied + ${read}, updated_at = now()`.execute(trx);
    return { read, lastSeq: BigInt(lastSeq) };
  });

/** The swap (activities_finish_move): copies the rest under a short exclusive lock, checks the counts match, renames. Returns the rows moved. */
export const finishActivitiesMove = async (db: Sql = getSql()): Promise<number> => {
  const { rows } = await sql<{ rows: string }>`SELECT activities_finish_move() AS rows`.execute(db);
  return Number(rows[0]!.rows);
};
