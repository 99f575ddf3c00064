import { sql } from "kysely";
import { getDb, getSql, type Db, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";
import { containsPattern } from "./like-pattern";

// ---------------------------------------------------------------------------------------------------------------
// The session proxy's writes and reads (lib/proxy): sessions it starts, their counters, identity and device, and
// whether the portal ended them. All on the pg pool, in batches: the proxy flushes every few hundred milliseconds.
// ---------------------------------------------------------------------------------------------------------------

export type TNewProxySession = Readonly<{
  id: string;
  connectorId: string;
  siteHost: string;
  ip: string | null;
  countryCode: string | null;
  userAgent: string | null;
  startedAt: Date;
}>;

/** Inserts sessions the proxy started; a row already stored (a retried batch) is left as it is. */
export const insertProxySessions = async (sessions: readonly TNewProxySession[], db: Sql = getSql()): Promise<void> => {
  if (sessions.length === 0) return;
  await db
    .insertInto("proxy_sessions")
    .values(
      sessions.map((s) => ({
        id: s.id,
        connector_id: s.connectorId,
        site_host: s.siteHost,
        ip: s.ip,
        country_code: s.countryCode,
        user_agent: s.userAgent,
        started_at: s.startedAt,
        last_activity_at: s.startedAt,
      })),
    )
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
};

/** What happened in one session since the last flush: counters to add, and the latest identity and device. */
export type TProxySessionDelta = Readonly<{
  id: string;
  requests: number;
  downloads: number;
  bytesSent: number;
  lastActivityAt: Date;
  account: Readonly<{ id: string; email: string | null; name: string | null }> | null;
  device: Readonly<{ isManaged: boolean; subject: string | null; serial: string | null }>;
}>;

/** Adds each session's counters and sets its last activity, device and (once known) account, in one statement. */
export const applyProxySessionDeltas = async (deltas: readonly TProxySessionDelta[], db: Sql = getSql()): Promise<void> => {
  if (deltas.length === 0) return;
  const r = jsonRecordset(
    "r",
    {
      id: "uuid",
      requests: "int4",
      downloads: "int4",
      bytes_sent: "int8",
      last_activity_at: "timestamptz",
      account_id: "text",
      user_email: "text",
      user_name: "text",
      device_managed: "boolean",
      device_subject: "text",
      device_serial: "text",
    },
    deltas.map((d) => ({
      id: d.id,
      requests: d.requests,
      downloads: d.downloads,
      bytes_sent: d.bytesSent,
      last_activity_at: d.lastActivityAt.toISOString(),
      account_id: d.account?.id ?? null,
      user_email: d.account?.email ?? null,
      user_name: d.account?.name ?? null,
      device_managed: d.device.isManaged,
      device_subject: d.device.subject,
      device_serial: d.device.serial,
    })),
  );
  await db
    .updateTable("proxy_sessions as s")
    .from(r)
    .set((eb) => ({
      requests: eb("s.requests", "+", eb.ref("r.requests")),
      downloads: eb("s.downloads", "+", eb.ref("r.downloads")),
      bytes_sent: sql<string>`${sql.ref("s.bytes_sent")} + ${sql.ref("r.bytes_sent")}`,
      last_activity_at: sql<Date>`GREATEST(${sql.ref("s.last_activity_at")}, ${sql.ref("r.last_activity_at")})`,
      // The account is learnt once and then kept: an anonymous flush never erases it.
      account_id: sql<string | null>`COALESCE(${sql.ref("r.account_id")}, ${sql.ref("s.account_id")})`,
      user_email: sql<string | null>`COALESCE(${sql.ref("r.user_email")}, ${sql.ref("s.user_email")})`,
      user_name: sql<string | null>`COALESCE(${sql.ref("r.user_name")}, ${sql.ref("s.user_name")})`,
      device_managed: eb.ref("r.device_managed"),
      device_subject: eb.ref("r.device_subject"),
      device_serial: eb.ref("r.device_serial"),
    }))
    .whereRef("s.id", "=", "r.id")
    .execute();
};

export type TStoredProxySession = Readonly<{
  id: string;
  connectorId: string;
  siteHost: string;
  accountId: string | null;
  userEmail: string | null;
  userName: string | null;
  isEnded: boolean;
}>;

/** A session by the id in a proxy cookie (after a proxy restart); null for an unknown or malformed id. */
export const findStoredProxySession = async (id: string, db: Sql = getSql()): Promise<TStoredProxySession | null> => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await db
    .selectFrom("proxy_sessions")
    .select(["id", "connector_id", "site_host", "account_id", "user_email", "user_name", "ended_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        connectorId: row.connector_id,
        siteHost: row.site_host,
        accountId: row.account_id,
        userEmail: row.user_email,
        userName: row.user_name,
        isEnded: row.ended_at !== null,
      }
    : null;
};

/** Which of these sessions were ended (End session in the portal). */
export const listEndedProxySessionIds = async (ids: readonly string[], db: Sql = getSql()): Promise<string[]> => {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("proxy_sessions")
    .select("id")
    .where("id", "=", sql<string>`ANY(${ids}::uuid[])`)
    .where("ended_at", "is not", null)
    .execute();
  return rows.map((r) => r.id);
};

// --- end of the session proxy's functions ----------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// The portal's reads and End session (/sessions).
// ---------------------------------------------------------------------------------------------------------------

// The portal's reads and writes of proxy_sessions (the proxy's own writes live with the proxy's part of this file).

export type TProxySessionRow = Readonly<{
  id: string;
  connectorId: string;
  connectorName: string;
  siteHost: string;
  accountId: string | null;
  userEmail: string | null;
  userName: string | null;
  deviceManaged: boolean;
  deviceSubject: string | null;
  ip: string | null;
  countryCode: string | null;
  userAgent: string | null;
  startedAt: Date;
  lastActivityAt: Date;
  requests: number;
  downloads: number;
  bytesSent: number;
  endedAt: Date | null;
}>;

export type TProxySessionFilter = Readonly<{
  connectorId?: string;
  status?: "live" | "idle" | "ended";
  /** Part of the user's email, name or account id. */
  text?: string;
  /** Sessions last active before this are idle (the live window's start). */
  liveSince: Date;
  /** The last row of the previous page (keyset: last activity, then id, both descending). */
  after?: Readonly<{ lastActivityAt: Date; id: string }> | null;
  limit: number;
}>;

const selectSessions = (db: Db) =>
  db.$kysely
    .selectFrom("proxy_sessions as s")
    .innerJoin("connectors as c", "c.id", "s.connector_id")
    .select([
      "s.id", "s.connector_id as connectorId", "c.name as connectorName", "s.site_host as siteHost", "s.account_id as accountId",
      "s.user_email as userEmail", "s.user_name as userName", "s.device_managed as deviceManaged", "s.device_subject as deviceSubject",
      "s.ip", "s.country_code as countryCode", "s.user_agent as userAgent", "s.started_at as startedAt", "s.last_activity_at as lastActivityAt",
      "s.requests", "s.downloads", "s.bytes_sent as bytesSent", "s.ended_at as endedAt",
    ]);

type TSelectedRow = Awaited<ReturnType<ReturnType<typeof selectSessions>["executeTakeFirstOrThrow"]>>;

// bytes_sent is a bigint, which pg hands over as a string; a session never nears 2^53 bytes.
const toRow = (row: TSelectedRow): TProxySessionRow => ({ ...row, bytesSent: Number(row.bytesSent) });

/** One page of sessions, most recently active first, filtered by connector, status and user text. */
export const listProxySessions = async (filter: TProxySessionFilter, db: Db = getDb()): Promise<TProxySessionRow[]> => {
  let query = selectSessions(db);
  if (filter.connectorId) query = query.where("s.connector_id", "=", filter.connectorId);
  if (filter.status === "ended") query = query.where("s.ended_at", "is not", null);
  if (filter.status === "live") query = query.where("s.ended_at", "is", null).where("s.last_activity_at", ">=", filter.liveSince);
  if (filter.status === "idle") query = query.where("s.ended_at", "is", null).where("s.last_activity_at", "<", filter.liveSince);
  if (filter.text) {
    const like = containsPattern(filter.text);
    query = query.where((eb) => eb.or([eb("s.user_email", "ilike", like), eb("s.user_name", "ilike", like), eb("s.account_id", "ilike", like)]));
  }
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("s.last_activity_at", "<", after.lastActivityAt), eb.and([eb("s.last_activity_at", "=", after.lastActivityAt), eb("s.id", "<", after.id)])]),
    );
  }
  const rows = await query.orderBy("s.last_activity_at", "desc").orderBy("s.id", "desc").limit(filter.limit).execute();
  return rows.map(toRow);
};

export const findProxySession = async (id: string, db: Db = getDb()): Promise<TProxySessionRow | null> => {
  const row = await selectSessions(db).where("s.id", "=", id).executeTakeFirst();
  return row ? toRow(row) : null;
};

/** Ends a session (the proxy drops its cookies at the next request); false when it was already ended or is unknown. */
export const endProxySession = async (options: Readonly<{ id: string; actorId: string | null; at: Date }>, db: Db = getDb()): Promise<boolean> => {
  const result = await db.$kysely
    .updateTable("proxy_sessions")
    .set({ ended_at: options.at, ended_by_id: options.actorId })
    .where("id", "=", options.id)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};
