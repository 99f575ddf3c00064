// Shared by the sync benchmarks: a fresh embedded PostgreSQL with migrations, the environment the
// services need, and a connector for a simulator org.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/server/runtime/embedded-postgres";
import { migrateDatabase } from "../../lib/server/runtime/migrate-database";

export const BENCH_SECRET = "bench-secret-0123456789abcdef0123456789";

/**
 * A fresh embedded PostgreSQL with migrations (and the app role's grants), removed on stop; or, with `keepDir`, one kept in that
 * directory and reused by the next run (seed once on a busy machine, measure later on a quiet one).
 */
export const startBenchDatabase = async (name: string, options: Readonly<{ keepDir?: string }> = {}) => {
  const keepDir = options.keepDir ? path.resolve(options.keepDir) : undefined;
  if (keepDir) mkdirSync(keepDir, { recursive: true, mode: 0o777 });
  const scratch = keepDir ?? mkdtempSync(path.join(tmpdir(), `watchpost-bench-${name}-`));
  chmodSync(scratch, 0o777);
  const dataDir = path.join(scratch, "db");
  let database = await startEmbeddedPostgres({ dataDir });
  await migrateDatabase({ ownerUrl: database.ownerUrl, appUrl: database.url });
  // Services (and a worker the bench spawns) run as the app role, as in production; the harness as the owner.
  Object.assign(process.env, { DATABASE_URL: database.url, WATCHPOST_SECRET: BENCH_SECRET, LOG_LEVEL: "silent" });
  return {
    /** The app role's: what services and workers use. */
    url: database.url,
    /** The owner's: for seeding, TRUNCATE, ANALYZE and reading results. */
    ownerUrl: database.ownerUrl,
    scratch,
    isKept: keepDir !== undefined,
    /** Stops PostgreSQL (fast shutdown: open connections are cut), waits `downMs`, starts it on the same port and data. */
    restart: async (downMs = 0) => {
      await database.stop();
      await new Promise((r) => setTimeout(r, downMs));
      database = await startEmbeddedPostgres({ dataDir, port: database.port });
    },
    stop: async () => {
      await database.stop();
      if (!keepDir) rmSync(scratch, { recursive: true, force: true });
    },
  };
};

/** Creates an admin and a connector for the org (imports services only once the environment is set). */
export const connectBenchOrg = async (org: Readonly<{ baseUrl: string; orgId: string; apiKey: string }>, backfillDays: number, name = "Bench") => {
  const { createConnector } = await import("../../lib/server/services/connectors/create-connector");
  const { makeUser } = await import("../../lib/testing/factories");
  const { principal } = await makeUser("admin");
  return createConnector({ actor: principal, input: { name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: org.baseUrl, backfillDays } });
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
