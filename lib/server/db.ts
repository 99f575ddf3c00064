import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { getEnv } from "../env";
import { logger } from "./logger";
import { isPostgresShutdown } from "./runtime/postgres-shutdown";
import { isProcessStopping } from "./runtime/process-stopping";

const createClient = () => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for embedded Postgres)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10 }),
    // Secrets stay out of every query result unless a repository asks for them explicitly.
    omit: { user: { passwordHash: true }, apiToken: { tokenHash: true } },
  });
};

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { watchpostDb?: Db };

/** The one Prisma client of this process. Only repositories import it. */
export const getDb = (): Db => (globalForDb.watchpostDb ??= createClient());

const globalForPool = globalThis as unknown as { watchpostPool?: pg.Pool };

/** Code and message only: a pg error carries its client, several KB of state that no log line needs. */
const describeDbError = (error: Error & { code?: string }) => ({ code: error.code, message: error.message });

/**
 * A plain `pg` pool for bulk writes on the ingest path, where Prisma's raw-query pipeline costs more than
 * the insert itself (docs/benchmarks.md). Only repositories use it.
 */
export const getPgPool = (): pg.Pool => {
  if (!globalForPool.watchpostPool) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // As many as Prisma's pool: the web process reads the activity log, alert details and the dashboard through
    // this pool too, and with 4 connections 50 concurrent API clients queued here for most of their 0.8 s p50
    // (bench:load, docs/benchmarks.md). Connections open on demand, so a quiet worker keeps few.
    // Named per process, so pg_stat_activity (and the fault suite) can tell which process a session belongs to.
    const pool = new pg.Pool({ connectionString: url, max: 10, application_name: `watchpost-${getEnv().WATCHPOST_SERVICE}-${process.pid}` });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the next
    // query opens a new one.
    pool.on("error", (error: Error & { code?: string }) =>
      // While the process stops, or when the server says it is shutting down (Ctrl-C reaches PostgreSQL at the
      // same moment as this process), a lost connection is expected: not worth a warning.
      isProcessStopping() || isPostgresShutdown(error)
        ? logger.debug(describeDbError(error), "idle database connection closed")
        : logger.warn(describeDbError(error), "idle database connection lost"),
    );
    // A checked-out client has no error listener (pg-pool removes its idle one): a connection cut between
    // two queries of a transaction (database restart) would emit an unhandled 'error' and kill the worker.
    // The transaction's next query fails instead, and the broken client leaves the pool on release.
    pool.on("connect", (client) => client.on("error", (error) => logger.debug(describeDbError(error), "database connection lost")));
    globalForPool.watchpostPool = pool;
  }
  return globalForPool.watchpostPool;
};

/** Runs `work` in one transaction on a pooled `pg` connection; rolls back when it throws. Repositories only. */
export const inPgTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await getPgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** Closes the client and the pool (worker shutdown, tests). */
export const disconnectDb = async (): Promise<void> => {
  await globalForDb.watchpostDb?.$disconnect();
  globalForDb.watchpostDb = undefined;
  await globalForPool.watchpostPool?.end();
  globalForPool.watchpostPool = undefined;
};
