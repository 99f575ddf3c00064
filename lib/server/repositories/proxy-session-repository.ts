import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

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
export const findProxySession = async (id: string, db: Sql = getSql()): Promise<TStoredProxySession | null> => {
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
