import { readdirSync } from "node:fs";
import path from "node:path";
import { LAG_LIMIT_SECONDS, type THealth } from "../../../shared/schemas/health";
import { latestWorkerBeat, pingDatabase, readAppliedMigrations } from "../../repositories/health-repository";
import { getProcessingLag, isLagHealthy } from "./get-processing-lag";

export const WORKER_STALE_AFTER_SECONDS = 90;

const UNKNOWN_LAG: THealth["lag"] = { detectionSeconds: null, governanceSeconds: null, notificationSeconds: null, limitSeconds: LAG_LIMIT_SECONDS, healthy: false };

const expectedMigrations = (): string[] =>
  readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/**
 * Database reachable, migrations applied, age of the freshest worker heartbeat, and the processing lag
 * (get-processing-lag.ts). `degraded` (still HTTP 200: the portal works, alerts are late) when the worker is
 * stale or any lag is over LAG_LIMIT_SECONDS; `down` (503) when the database or its schema is unusable.
 */
export const getHealth = async (now: Date = new Date()): Promise<THealth> => {
  try {
    await pingDatabase();
  } catch {
    return {
      status: "down",
      database: { reachable: false, error: "database unreachable" },
      migrations: { applied: false, pending: [], failed: [] },
      worker: { heartbeatAgeSeconds: null, healthy: false },
      lag: UNKNOWN_LAG,
      time: now.toISOString(),
    };
  }
  const [{ applied, failed }, beat, lag] = await Promise.all([
    readAppliedMigrations().catch(() => ({ applied: [] as string[], failed: [] as string[] })),
    latestWorkerBeat(),
    // Unknown (not a failed health check) while the schema is missing, e.g. before the first migration.
    getProcessingLag({ now }).catch(() => null),
  ]);
  const pending = expectedMigrations().filter((m) => !applied.includes(m));
  const age = beat ? Math.max(0, Math.round((now.getTime() - beat.getTime()) / 1000)) : null;
  const isWorkerHealthy = age !== null && age <= WORKER_STALE_AFTER_SECONDS;
  const isMigrated = pending.length === 0 && failed.length === 0;
  const isLagWithinLimit = lag !== null && isLagHealthy(lag);
  return {
    status: isMigrated && isWorkerHealthy && isLagWithinLimit ? "ok" : isMigrated ? "degraded" : "down",
    database: { reachable: true },
    migrations: { applied: isMigrated, pending, failed },
    worker: { heartbeatAgeSeconds: age, healthy: isWorkerHealthy },
    lag: lag ? { ...lag, limitSeconds: LAG_LIMIT_SECONDS, healthy: isLagWithinLimit } : UNKNOWN_LAG,
    time: now.toISOString(),
  };
};
