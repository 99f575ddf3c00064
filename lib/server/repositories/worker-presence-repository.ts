import { randomInt } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { getEnv } from "../../env";
import { getSql, type Sql } from "../db";
import type { Logger } from "../logger";

/**
 * A worker's presence is a session advisory lock held on a connection of its own. PostgreSQL drops the lock
 * the moment that connection ends (graceful stop, crash, kill -9: the kernel closes the socket), so "is this
 * worker alive?" needs no heartbeat timing: a stalled but living worker keeps its claims, a dead one loses
 * them at once. Claims on outboxes (governance actions, deliveries) record the owner's key.
 */
const PRESENCE_LOCK_CLASS = 0x57505354; // "WPST": the two-int advisory lock space's first half

/** Keys of workers whose presence lock is held now, in this database (the fault probe and benches run it as is). */
export const LIVE_KEYS_SQL = `
  SELECT l.objid::bigint::int FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${PRESENCE_LOCK_CLASS}::oid AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/**
 * The same, as a subquery for `NOT IN (…)`: a fragment, because pg_locks and pg_database are system catalogs
 * that the generated schema types do not describe.
 */
export const liveWorkerKeys = sql<number>`(${sql.raw(LIVE_KEYS_SQL)})`;

const RECONNECT_MS = 1_000;

export type WorkerPresence = Readonly<{
  /** The key claims carry; stable for the life of the process (kept across database restarts). */
  key: number;
  isHeld: () => boolean;
  close: () => Promise<void>;
}>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes a presence key (random, retried on the rare collision) and keeps its lock, reconnecting after a drop. */
export const openWorkerPresence = async (logger: Logger): Promise<WorkerPresence> => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  let key = randomInt(1, 2 ** 31 - 1);
  let client: pg.Client | null = null;
  let isHeld = false;
  let isClosed = false;

  // The first lock picks a free key; after a drop the same key is taken back, since claims already carry it.
  const acquire = async (canPickAnother: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: "watchpost-worker-presence", keepAlive: true });
    next.on("error", (error: Error & { code?: string }) => logger.debug({ code: error.code, message: error.message }, "presence connection lost"));
    next.on("end", () => {
      if (client !== next) return;
      client = null;
      isHeld = false;
      if (!isClosed) void reacquire();
    });
    await next.connect();
    for (;;) {
      const { rows } = await next.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [PRESENCE_LOCK_CLASS, key]);
      if (rows[0]?.ok) break;
      if (!canPickAnother) {
        await next.end().catch(() => undefined);
        throw new Error("presence key still held by the previous session");
      }
      key = randomInt(1, 2 ** 31 - 1);
    }
    client = next;
    isHeld = true;
  };
  const reacquire = async () => {
    while (!isClosed && !isHeld) {
      await sleep(RECONNECT_MS);
      await acquire(false).catch((error: Error & { code?: string }) => logger.debug({ code: error.code, message: error.message }, "presence not yet restored"));
    }
  };

  await acquire(true);
  return {
    get key() {
      return key;
    },
    isHeld: () => isHeld,
    close: async () => {
      isClosed = true;
      const current = client;
      client = null;
      isHeld = false;
      await current?.end().catch(() => undefined);
    },
  };
};

/**
 * Frees the claims of workers that are gone: pending rows claimed by a key whose presence lock nobody holds
 * become due at once. Never the caller's own claims (its presence may be reconnecting after a restart).
 */
export const releaseClaimsOfGoneWorkers = async (
  table: "governance_actions" | "notification_deliveries",
  ownKey: number,
  db: Sql = getSql(),
): Promise<number> => {
  const result = await db
    .updateTable(table)
    .set({ claimed_by: null, next_attempt_at: sql<Date>`clock_timestamp()` })
    .where("status", "=", "pending")
    .where("claimed_by", "is not", null)
    .where("claimed_by", "<>", ownKey)
    .where("claimed_by", "not in", liveWorkerKeys)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};
