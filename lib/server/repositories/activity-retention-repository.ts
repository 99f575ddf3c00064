// Activities past retention go a whole monthly partition at a time, never row by row (issue 23): the migration's
// activities_expire_partition keeps the rows that must stay (linked to an alert, or under legal hold) by copying them
// into a table that takes the partition's place. Partitions come from activity-partition-repository.ts.
import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { listActivityPartitions } from "./activity-partition-repository";

export type ActivityPartition = Readonly<{ name: string; from: Date; to: Date }>;

/** Monthly partitions whose whole range ends before the cutoff (none while activities is not partitioned yet). */
export const expiredActivityPartitions = async (cutoff: Date, db: Sql = getSql()): Promise<ActivityPartition[]> => {
  if (await isMovePending(db)) return [];
  return (await listActivityPartitions(db)).flatMap((p) => (!p.isDefault && p.from && p.to && p.to.getTime() <= cutoff.getTime() ? [{ name: p.name, from: p.from, to: p.to }] : []));
};

// During the upgrade's move the partitions belong to activities_next, not yet to activities: nothing to drop.
const isMovePending = async (db: Sql) =>
  (await sql<{ pending: boolean }>`SELECT to_regclass('activities_move_progress') IS NOT NULL AS pending`.execute(db)).rows[0]?.pending === true;

// The keep predicate of activities_expire_partition (linked to an alert, or under an active legal hold), for the dry run.
const heldActivity = sql<boolean>`EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.connector_id = a.connector_id
    AND (h.user_account_id IS NULL OR h.user_account_id = a.actor_id))`;

/**
 * Rows of the partition and how many of them a drop would keep. Read from the partition itself (its name comes from
 * the catalog) and from the few rows that can be kept: the linked ones through alert_activities (an index probe per
 * link, not per row) and, only while a hold is active, the held ones. A month of millions of rows counts in well
 * under a second instead of probing alert_activities once per row.
 */
export const countActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ rows: number; kept: number }> => {
  const table = sql.table(partition.name);
  const { rows } = await sql<{ total: string; linked: string; has_holds: boolean }>`
    SELECT (SELECT count(*) FROM ${table}) AS total,
      (SELECT count(*) FROM ${table} a WHERE a.seq IN (SELECT l.activity_seq FROM alert_activities l)) AS linked,
      EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL) AS has_holds`.execute(db);
  const total = Number(rows[0]?.total ?? 0);
  const linked = Number(rows[0]?.linked ?? 0);
  if (!rows[0]?.has_holds) return { rows: total, kept: linked };
  const { rows: held } = await sql<{ held: string; linked_held: string }>`
    SELECT (SELECT count(*) FROM ${table} a WHERE ${heldActivity}) AS held,
      (SELECT count(*) FROM ${table} a WHERE a.seq IN (SELECT l.activity_seq FROM alert_activities l) AND ${heldActivity}) AS linked_held`.execute(db);
  return { rows: total, kept: Number(held[0]?.held ?? 0) + linked - Number(held[0]?.linked_held ?? 0) };
};

const LOCK_ATTEMPTS = 3;
const isLockTimeout = (error: unknown) => (error as { code?: string }).code === "55P03";

/**
 * Takes the partition out of activities in one short transaction, its kept rows back under the same name and range,
 * and leaves the detached month as activities_pYYYYMM_expired: countExpiredActivityPartition then counts it and
 * dropExpiredActivityPartitions removes its files, both after the lock on activities is released. Returns the rows
 * kept. The detach waits at most 5 s for readers of activities to finish (meanwhile it holds up new ones): after a
 * timeout it tries again twice, a second apart, then gives up until the next run.
 */
export const expireActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ kept: number }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await sql<{ kept: string }>`SELECT activities_expire_partition(${partition.name}) AS kept`.execute(db);
      return { kept: Number(rows[0]?.kept ?? 0) };
    } catch (error) {
      if (!isLockTimeout(error) || attempt >= LOCK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
};

/** The rows of a month expireActivityPartition detached (kept ones included): nothing writes to it any more. */
export const countExpiredActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<number> =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${partition.name}_expired`)}`.execute(db)).rows[0]?.n ?? 0);

/** Drops the months expireActivityPartition detached (and any a crash left behind); returns how many. */
export const dropExpiredActivityPartitions = async (db: Sql = getSql()): Promise<number> =>
  Number((await sql<{ n: number }>`SELECT activities_drop_expired_partitions() AS n`.execute(db)).rows[0]?.n ?? 0);
