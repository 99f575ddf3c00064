import { getDb } from "../db";

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
