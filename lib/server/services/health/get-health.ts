import { readdirSync } from "node:fs";
import path from "node:path";
import type { THealth } from "../../../shared/schemas/health";
import { latestWorkerBeat, pingDatabase, readAppliedMigrations } from "../../repositories/health-repository";

export const WORKER_STALE_AFTER_SECONDS = 90;


const expectedMigrations = (): string[] =>
  readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** Database reachable, migrations applied, age of the freshest worker heartbeat. */
export const getHealth = async (now: Date = new Date()): Promise<THealth> => {
  try {
    await pingDatabase();
  } catch {
    return {
      status: "down",
      database: { reachable: false, error: "database unreachable" },
      migrations: { applied: false, pending: [], failed: [] },
      worker: { heartbeatAgeSeconds: null, healthy: false },
      time: now.toISOString(),
    };
  }
  const [{ applied, failed }, beat] = await Promise.all([readAppliedMigrations().catch(() => ({ applied: [] as string[], failed: [] as string[] })), latestWorkerBeat()]);
  const pending = expectedMigrations().filter((m) => !applied.includes(m));
  const age = beat ? Math.max(0, Math.round((now.getTime() - beat.getTime()) / 1000)) : null;
  const isWorkerHealthy = age !== null && age <= WORKER_STALE_AFTER_SECONDS;
  const isMigrated = pending.length === 0 && failed.length === 0;
  return {
    status: isMigrated && isWorkerHealthy ? "ok" : isMigrated ? "degraded" : "down",
    database: { reachable: true },
    migrations: { applied: isMigrated, pending, failed },
    worker: { heartbeatAgeSeconds: age, healthy: isWorkerHealthy },
    time: now.toISOString(),
  };
};
