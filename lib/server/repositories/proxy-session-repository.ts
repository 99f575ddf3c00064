import { getDb, type Db } from "../db";
import { containsPattern } from "./like-pattern";

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
