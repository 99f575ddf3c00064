import { sql } from "kysely";
import { getDb, getSql, type Db, type Sql } from "../db";

export const upsertWorkerHeartbeat = async (data: Readonly<{ workerId: string; hostname: string; startedAt: Date; beatAt: Date }>, db: Db = getDb()) => {
  await db.workerHeartbeat.upsert({
    where: { workerId: data.workerId },
    create: data,
    update: { beatAt: data.beatAt },
    select: { workerId: true },
  });
};

/** The most recent beat of any worker, or null when none ever ran. */
export const latestWorkerBeat = async (db: Db = getDb()): Promise<Date | null> =>
  (await db.workerHeartbeat.aggregate({ _max: { beatAt: true } }))._max.beatAt;

export const pruneWorkerHeartbeats = async (before: Date, db: Db = getDb()): Promise<void> => {
  await db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: before } } });
};

/** Prisma's own bookkeeping table: not in schema.prisma, so declared here for the builder. */
type TPrismaMigrations = { _prisma_migrations: { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null } };

/** Names of migrations Prisma recorded as applied, and whether any is unfinished or failed. */
export const readAppliedMigrations = async (db: Db = getDb()): Promise<{ applied: string[]; failed: string[] }> => {
  const rows = await db.$kysely.withTables<TPrismaMigrations>().selectFrom("_prisma_migrations").select(["migration_name", "finished_at", "rolled_back_at"]).execute();
  return {
    applied: rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
  };
};

export const pingDatabase = async (db: Db = getDb()): Promise<void> => {
  await sql`SELECT 1`.execute(db.$kysely);
};

/** Since when the oldest item of each processing stage has waited; null when nothing waits there. */
export type TBacklogSince = Readonly<{ detection: Date | null; governance: Date | null; notification: Date | null }>;

/**
 * Oldest unprocessed activity (when stored), oldest due governance action and delivery (since when due), at `now`.
 * One statement, each part index-backed so it stays cheap on millions of activities (plans in
 * docs/architecture.md, "Processing lag"):
 * - detection: per connector, the first activity after its 'detection' cursor (seqs of a connector commit in
 *   order, so it is the oldest stored). The row comparison is on purpose: with "connector_id = c.id AND
 *   seq > last_seq" the planner walks activities_pkey from the cursor and filters on the connector, which reads
 *   every later row of the other connectors when this one has nothing pending (about 1 s per 1M rows). The row
 *   comparison can only use activities_connector_id_seq_idx: one probe per connector, and a row of the next
 *   connector means none pending.
 * - governance / notifications: the earliest next_attempt_at of due pending rows, the first entry of their
 *   (status, next_attempt_at) index. A claim moves next_attempt_at past its lease, so rows being worked on
 *   are not due; a crashed worker's row is due again once its claim is freed.
 */
export const selectBacklogSince = async (now: Date, db: Sql = getSql()): Promise<TBacklogSince> => {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("connectors as c")
        .leftJoin("activity_consumer_cursors as cur", (join) => join.on("cur.consumer", "=", "detection").onRef("cur.connector_id", "=", "c.id"))
        .innerJoinLateral(
          (lateral) =>
            lateral
              .selectFrom("activities as a")
              .select(["a.connector_id", "a.stored_at"])
              .where((w) => w(w.refTuple("a.connector_id", "a.seq"), ">", w.tuple(w.ref("c.id"), w.fn.coalesce("cur.last_seq", sql<string>`0`))))
              .orderBy(["a.connector_id", "a.seq"])
              .limit(1)
              .as("first"),
          (join) => join.onTrue(),
        )
        .whereRef("first.connector_id", "=", "c.id")
        .select((s) => s.fn.min("first.stored_at").as("at"))
        .as("detection"),
      eb
        .selectFrom("governance_actions")
        .select((s) => s.fn.min("next_attempt_at").as("at"))
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .as("governance"),
      eb
        .selectFrom("notification_deliveries")
        .select((s) => s.fn.min("next_attempt_at").as("at"))
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now)
        .as("notification"),
    ])
    .executeTakeFirst();
  return { detection: row?.detection ?? null, governance: row?.governance ?? null, notification: row?.notification ?? null };
};
