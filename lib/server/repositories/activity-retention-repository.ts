// Activities past retention go a whole monthly partition at a time, never row by row (issue 23). A partition's rows
// that must stay (a legal hold, or an alert that is kept) are copied into a small table first, which then takes the
// partition's place under the same name and range.
import { sql } from "kysely";
import { getSql, type Sql } from "../db";

export type ActivityPartition = Readonly<{ name: string; from: Date; to: Date }>;

const BOUND = /FOR VALUES FROM \('([^']+)'\) TO \('([^']+)'\)/;

/** The partitions of `activities` with their event-time range (none while the table is not partitioned). */
export const listActivityPartitions = async (db: Sql = getSql()): Promise<ActivityPartition[]> => {
  // The catalog has no builder: partitions and their bounds come from pg_inherits and pg_get_expr.
  const { rows } = await sql<{ name: string; bound: string }>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'activities'::regclass
    ORDER BY c.relname`.execute(db);
  return rows.flatMap((row) => {
    const match = BOUND.exec(row.bound);
    return match ? [{ name: row.name, from: new Date(match[1]!), to: new Date(match[2]!) }] : [];
  });
};

// An activity stays past retention while a legal hold covers its connector or actor, or an alert links it.
const keptActivity = sql<boolean>`(
  EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.connector_id = a.connector_id
    AND (h.user_account_id IS NULL OR h.user_account_id = a.actor_id))
  OR EXISTS (SELECT 1 FROM alert_activities aa WHERE aa.activity_seq = a.seq))`;

/** Partitions whose whole range ends before the cutoff. */
export const expiredActivityPartitions = async (cutoff: Date, db: Sql = getSql()): Promise<ActivityPartition[]> =>
  (await listActivityPartitions(db)).filter((p) => p.to.getTime() <= cutoff.getTime());

export const countActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ rows: number; kept: number }> => {
  const { rows } = await sql<{ total: string; kept: string }>`
    SELECT count(*) AS total, count(*) FILTER (WHERE ${keptActivity}) AS kept FROM ${sql.table(partition.name)} a`.execute(db);
  return { rows: Number(rows[0]?.total ?? 0), kept: Number(rows[0]?.kept ?? 0) };
};

/**
 * Drops a partition whole in one short transaction; its kept rows come back as a partition of the same name and
 * range. Returns the rows removed and kept. Waits at most 5 s for the table lock, so live ingestion is never blocked
 * longer (the next run tries again).
 */
export const dropActivityPartition = async (partition: ActivityPartition, db: Sql = getSql()): Promise<{ removed: number; kept: number }> =>
  db.transaction().execute(async (trx) => {
    // DDL on the catalog's names: no builder for it; names come from pg_class, never from input.
    const keep = `${partition.name}_keep`;
    await sql`SET LOCAL lock_timeout = '5s'`.execute(trx);
    await sql`CREATE TABLE ${sql.table(keep)} (LIKE activities INCLUDING DEFAULTS INCLUDING GENERATED)`.execute(trx);
    const copied = await sql`INSERT INTO ${sql.table(keep)} SELECT a.* FROM ${sql.table(partition.name)} a WHERE ${keptActivity}`.execute(trx);
    const kept = Number(copied.numAffectedRows ?? 0n);
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(partition.name)}`.execute(trx);
    await sql`ALTER TABLE activities DETACH PARTITION ${sql.table(partition.name)}`.execute(trx);
    await sql`DROP TABLE ${sql.table(partition.name)}`.execute(trx);
    if (kept > 0) {
      await sql`ALTER TABLE ${sql.table(keep)} RENAME TO ${sql.table(partition.name)}`.execute(trx);
      await sql`ALTER TABLE activities ATTACH PARTITION ${sql.table(partition.name)}
        FOR VALUES FROM (${sql.lit(partition.from.toISOString())}) TO (${sql.lit(partition.to.toISOString())})`.execute(trx);
    } else {
      await sql`DROP TABLE ${sql.table(keep)}`.execute(trx);
    }
    return { removed: Number(rows[0]?.n ?? 0) - kept, kept };
  });
