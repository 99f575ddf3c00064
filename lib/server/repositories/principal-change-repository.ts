import { sql } from "kysely";
import pg from "pg";
import { getEnv } from "../../env";
import { getSql, type Sql } from "../db";
import type { Logger } from "../logger";

/**
 * Who a session or token belongs to changed (a user disabled or given another role, a token revoked, a user's
 * sessions ended): every web process forgets what it cached (services/auth/principal-cache.ts). PostgreSQL
 * delivers a NOTIFY to the listeners when the sending transaction commits, to all web processes on all hosts.
 */
const CHANNEL = "watchpost_principals";
/** The payload that stands for "every user". */
export const EVERY_USER = "*";

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

/** Tells every listening process that `userId`'s (or, with EVERY_USER, everyone's) principal changed. */
export const publishPrincipalChange = async (userId: string, db: Sql = getSql()): Promise<void> => {
  await sql`SELECT pg_notify(${CHANNEL}, ${userId})`.execute(db);
};

export type TPrincipalListener = Readonly<{ isListening: () => boolean; close: () => Promise<void> }>;

/**
 * Listens on a connection of its own (a pooled one would be handed to other queries), and reconnects after a
 * drop with a growing wait. `onChange` gets each payload; `onRestored` is called on every (re)connection, since
 * changes made while nobody listened were never delivered.
 */
export const listenForPrincipalChanges = (
  options: Readonly<{ onChange: (userId: string) => void; onRestored: () => void; logger: Logger }>,
): TPrincipalListener => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const { logger } = options;
  let client: pg.Client | null = null;
  let isListening = false;
  let isClosed = false;
  let waitMs = RECONNECT_MIN_MS;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: `watchpost-principal-listener-${process.pid}`, keepAlive: true });
    next.on("error", (error: Error & { code?: string }) => logger.debug({ code: error.code, message: error.message }, "principal listener connection lost"));
    next.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) options.onChange(message.payload);
    });
    next.on("end", () => {
      if (client !== next) return;
      client = null;
      isListening = false;
      if (!isClosed) {
        logger.warn("principal change listener lost its connection: cached sign-ins expire after 2 s until it is back");
        scheduleReconnect();
      }
    });
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client = null;
      await next.end().catch(() => undefined);
      throw error;
    }
    if (isClosed) return void (await next.end().catch(() => undefined));
    isListening = true;
    waitMs = RECONNECT_MIN_MS;
    options.onRestored();
  };

  const scheduleReconnect = () => {
    setTimeout(() => {
      if (isClosed) return;
      connect().catch((error: Error & { code?: string }) => {
        logger.debug({ code: error.code, message: error.message }, "principal change listener not yet restored");
        waitMs = Math.min(RECONNECT_MAX_MS, waitMs * 2);
        scheduleReconnect();
      });
    }, waitMs).unref();
  };

  connect().catch((error: Error & { code?: string }) => {
    logger.warn({ code: error.code, message: error.message }, "principal change listener could not connect: cached sign-ins expire after 2 s until it does");
    scheduleReconnect();
  });

  return {
    isListening: () => isListening,
    close: async () => {
      isClosed = true;
      isListening = false;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
};
