import { getDb, getPgPool } from "../db";

export const upsertWorkerHeartbeat = async (data: Readonly<{ workerId: string; hostname: string; startedAt: Date; beatAt: Date }>) => {
  await getDb().workerHeartbeat.upsert({
    where: { workerId: data.workerId },
    create: data,
    update: { beatAt: data.beatAt },
    select: { workerId: true },
  });
};

/** The most recent beat of any worker, or null when none ever ran. */
export const latestWorkerBeat = async (): Promise<Date | null> =>
  (await getDb().workerHeartbeat.aggregate({ _max: { beatAt: true } }))._max.beatAt;

export const pruneWorkerHeartbeats = async (before: Date): Promise<void> => {
  await getDb().workerHeartbeat.deleteMany({ where: { beatAt: { lt: before } } });
};

/** Names of migrations Prisma recorded as applied, and whether any is unfinished or failed. */
export const readAppliedMigrations = async (): Promise<{ applied: string[]; failed: string[] }> => {
  const rows = await getDb().$queryRaw<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
    SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
  return {
    applied: rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    failed: rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
  };
};

export const pingDatabase = async (): Promise<void> => {
  await getDb().$queryRaw`SELECT 1`;
};

/** Since when the oldest item of each processing stage has waited; null when nothing waits there. */
export type TBacklogSince = Readonly<{ detection: Date | null; governance: Date | null; notification: Date | null }>;

// One statement, each part index-backed so it stays cheap on millions of activities (plans in
// docs/architecture.md, "Processing lag"):
// - detection: per connector, the first activity after its 'detection' cursor (seqs of a connector commit in
//   order, so it is the oldest stored). The row comparison is on purpose: with "connector_id = c.id AND
//   seq > last_seq" the planner walks activities_pkey from the cursor and filters on the connector, which reads
//   every later row of the other connectors when this one has nothing pending (about 1 s per 1M rows). The row
//   comparison can only use activities_connector_id_seq_idx: one probe per connector, and a row of the next
//   connector means none pending.
// - governance / notifications: the earliest next_attempt_at of due pending rows, the first entry of their
//   (status, next_attempt_at) index. A claim moves next_attempt_at past its lease, so rows being worked on
//   are not due; a crashed worker's row is due again once its claim is freed.
const BACKLOG_SQL = `SELECT
  (SELECT min(first.stored_at) FROM connectors c
     LEFT JOIN activity_consumer_cursors cur ON cur.consumer = 'detection' AND cur.connector_id = c.id
     CROSS JOIN LATERAL (SELECT a.connector_id, a.stored_at FROM activities a
       WHERE (a.connector_id, a.seq) > (c.id, COALESCE(cur.last_seq, 0)) ORDER BY a.connector_id, a.seq LIMIT 1) first
     WHERE first.connector_id = c.id) AS detection,
  (SELECT min(next_attempt_at) FROM governance_actions WHERE status = 'pending' AND next_attempt_at <= $1) AS governance,
  (SELECT min(next_attempt_at) FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $1) AS notification`;

/** Oldest unprocessed activity (when stored), oldest due governance action and delivery (since when due), at `now`. */
export const selectBacklogSince = async (now: Date): Promise<TBacklogSince> => {
  const { rows } = await getPgPool().query<{ detection: Date | null; governance: Date | null; notification: Date | null }>(BACKLOG_SQL, [now]);
  const row = rows[0];
  return { detection: row?.detection ?? null, governance: row?.governance ?? null, notification: row?.notification ?? null };
};
