import { sql } from "kysely";
import { getDb, getSql, type Db, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

/** One event set aside, ready to store (see services/sync/quarantine-row.ts). */
export type QuarantineRow = Readonly<{
  quarantineKey: string;
  eventId: string | null;
  reason: string;
  raw: string;
  rawTruncated: boolean;
  rawBytes: number;
}>;

/** What the connector page lists: everything but the raw JSON. */
export type QuarantinedEventSummary = Readonly<{
  id: bigint;
  eventId: string | null;
  reason: string;
  rawTruncated: boolean;
  rawBytes: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  seenCount: number;
}>;

const SUMMARY_SELECT = { id: true, eventId: true, reason: true, rawTruncated: true, rawBytes: true, firstSeenAt: true, lastSeenAt: true, seenCount: true } as const;

const QUARANTINE_TYPES = {
  quarantine_key: "text",
  event_id: "text",
  reason: "text",
  raw: "text",
  raw_truncated: "boolean",
  raw_bytes: "int",
} as const;

/**
 * Stores a page's quarantined events inside the caller's transaction (the page's activities and cursor move in
 * the same one): once per (connector, key), a repeat only bumps seen_count and last_seen_at. Returns how many
 * are new, which the caller adds to connectors.events_quarantined.
 */
export const insertQuarantinedEvents = async (connectorId: string, rows: readonly QuarantineRow[], db: Sql = getSql()): Promise<number> => {
  if (rows.length === 0) return 0;
  // ON CONFLICT DO UPDATE may not touch a row twice in one statement: a key repeated within the page goes once.
  const unique = [...new Map(rows.map((r) => [r.quarantineKey, r])).values()];
  const r = jsonRecordset(
    "r",
    QUARANTINE_TYPES,
    unique.map((q) => ({ quarantine_key: q.quarantineKey, event_id: q.eventId, reason: q.reason, raw: q.raw, raw_truncated: q.rawTruncated, raw_bytes: q.rawBytes })),
  );
  const result = await db
    .insertInto("quarantined_events")
    .columns(["connector_id", "quarantine_key", "event_id", "reason", "raw", "raw_truncated", "raw_bytes"])
    .expression((eb) =>
      eb.selectFrom(r).select([sql<string>`${connectorId}::uuid`.as("connector_id"), "r.quarantine_key", "r.event_id", "r.reason", "r.raw", "r.raw_truncated", "r.raw_bytes"]),
    )
    .onConflict((oc) =>
      oc.columns(["connector_id", "quarantine_key"]).doUpdateSet((eb) => ({
        last_seen_at: sql<Date>`clock_timestamp()`,
        seen_count: eb("quarantined_events.seen_count", "+", 1),
      })),
    )
    // xmax is 0 on a row this statement inserted (a system column: no builder for it).
    .returning(sql<boolean>`(xmax = 0)`.as("is_new"))
    .execute();
  return result.filter((row) => row.is_new).length;
};

/** A page of the connector's quarantined events, newest first, after the keyset cursor `beforeId`. */
export const listQuarantinedEvents = (
  connectorId: string,
  options: Readonly<{ beforeId?: bigint; limit: number }>,
  db: Db = getDb(),
): Promise<QuarantinedEventSummary[]> =>
  db.quarantinedEvent.findMany({
    where: { connectorId, ...(options.beforeId === undefined ? {} : { id: { lt: options.beforeId } }) },
    orderBy: { id: "desc" },
    take: options.limit,
    select: SUMMARY_SELECT,
  });

export const countQuarantinedEvents = (connectorId: string, db: Db = getDb()): Promise<number> => db.quarantinedEvent.count({ where: { connectorId } });

/** A batch of the export, with the raw JSON, newest first. */
export const findQuarantinedEventsWithRaw = (connectorId: string, options: Readonly<{ beforeId?: bigint; limit: number }>, db: Db = getDb()) =>
  db.quarantinedEvent.findMany({
    where: { connectorId, ...(options.beforeId === undefined ? {} : { id: { lt: options.beforeId } }) },
    orderBy: { id: "desc" },
    take: options.limit,
    select: { ...SUMMARY_SELECT, raw: true },
  });
