import type pg from "pg";
import { getDb } from "../db";

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

const INSERT_SQL = `
  INSERT INTO quarantined_events (connector_id, quarantine_key, event_id, reason, raw, raw_truncated, raw_bytes)
  SELECT $1::uuid, r.quarantine_key, r.event_id, r.reason, r.raw, r.raw_truncated, r.raw_bytes
  FROM jsonb_to_recordset($2::jsonb) AS r(quarantine_key text, event_id text, reason text, raw text, raw_truncated boolean, raw_bytes int)
  ON CONFLICT (connector_id, quarantine_key) DO UPDATE
    SET last_seen_at = clock_timestamp(), seen_count = quarantined_events.seen_count + 1
  RETURNING (xmax = 0) AS is_new`;

/**
 * Stores a page's quarantined events inside the caller's transaction (the page's activities and cursor move in
 * the same one): once per (connector, key), a repeat only bumps seen_count and last_seen_at. Returns how many
 * are new, which the caller adds to connectors.events_quarantined.
 */
export const insertQuarantinedEvents = async (client: pg.PoolClient, connectorId: string, rows: readonly QuarantineRow[]): Promise<number> => {
  if (rows.length === 0) return 0;
  // ON CONFLICT DO UPDATE may not touch a row twice in one statement: a key repeated within the page goes once.
  const unique = [...new Map(rows.map((r) => [r.quarantineKey, r])).values()];
  const payload = JSON.stringify(
    unique.map((r) => ({ quarantine_key: r.quarantineKey, event_id: r.eventId, reason: r.reason, raw: r.raw, raw_truncated: r.rawTruncated, raw_bytes: r.rawBytes })),
  );
  const { rows: result } = await client.query<{ is_new: boolean }>(INSERT_SQL, [connectorId, payload]);
  return result.filter((r) => r.is_new).length;
};

/** A page of the connector's quarantined events, newest first, after the keyset cursor `beforeId`. */
export const listQuarantinedEvents = (connectorId: string, options: Readonly<{ beforeId?: bigint; limit: number }>): Promise<QuarantinedEventSummary[]> =>
  getDb().quarantinedEvent.findMany({
    where: { connectorId, ...(options.beforeId === undefined ? {} : { id: { lt: options.beforeId } }) },
    orderBy: { id: "desc" },
    take: options.limit,
    select: SUMMARY_SELECT,
  });

export const countQuarantinedEvents = (connectorId: string): Promise<number> => getDb().quarantinedEvent.count({ where: { connectorId } });

/** A batch of the export, with the raw JSON, newest first. */
export const findQuarantinedEventsWithRaw = (connectorId: string, options: Readonly<{ beforeId?: bigint; limit: number }>) =>
  getDb().quarantinedEvent.findMany({
    where: { connectorId, ...(options.beforeId === undefined ? {} : { id: { lt: options.beforeId } }) },
    orderBy: { id: "desc" },
    take: options.limit,
    select: { ...SUMMARY_SELECT, raw: true },
  });
