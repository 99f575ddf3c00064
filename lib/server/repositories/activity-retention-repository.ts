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

// The keep predicate of activities_expire_partition, for the dry run.
const keptActivity = sql<boolean>`(
  EXISTS (SELECT 1 FROM alert_activities l WHERE l.activity_seq = a.seq)
  OR EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.connector_id = a.connector_id
    AND (h.user_account_id IS NULL OR h.user_account_id = a.actor_id)))`;

/** Rows of the partition's range and how many of them a drop would keep (read through activities: pruning reads one partition). */
export const countActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ rows: number; kept: number }> => {
  const { rows } = await sql<{ total: string; kept: string }>`
    SELECT count(*) AS total, count(*) FILTER (WHERE ${keptActivity}) AS kept FROM activities a
    WHERE a.event_time >= ${partition.from} AND a.event_time < ${partition.to}`.execute(db);
  return { rows: Number(rows[0]?.total ?? 0), kept: Number(rows[0]?.kept ?? 0) };
};

const LOCK_ATTEMPTS = 3;
const isLockTimeout = (error: unknown) => (error as { code?: string }).code === "55P03";

/**
 * Drops the partition whole in one short transaction, its kept rows back under the same name and range. The detach
 * waits at most 5 s for readers of activities to finish (meanwhile it holds up new ones): after a timeout it tries
 * again twice, a second apart, then gives up until the next run.
 */
export const expireActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ removed: number; kept: number }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await sql<{ removed: string; kept: string }>`SELECT removed, kept FROM activities_expire_partition(${partition.name})`.execute(db);
      return { removed: Number(rows[0]?.removed ?? 0), kept: Number(rows[0]?.kept ?? 0) };
    } catch (error) {
      if (!isLockTimeout(error) || attempt >= LOCK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
};
