import type { TEvent } from "../../atlassian";
import { getDb, getPgPool } from "../db";
import { insertQuarantinedEvents, type QuarantineRow } from "./quarantine-repository";

/** The columns of one stored activity (see the Activity model), as the sync normalizes an event. */
export type NormalizedActivity = Readonly<{
  eventId: string;
  eventTime: Date;
  processedAt: Date | null;
  action: string;
  actionName: string | null;
  actionGroup: string | null;
  product: string;
  siteId: string | null;
  siteName: string | null;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  onBehalfOfId: string | null;
  authType: string | null;
  tokenId: string | null;
  isSystem: boolean;
  isAdminAction: boolean;
  isImpersonation: boolean;
  targets: { type: string; id: string | null; name: string | null }[];
  targetName: string | null;
  ip: string | null;
  country: string | null;
  /** ISO alpha-2; see the Activity model for the precedence of sources. */
  countryCode: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  locationSource: "event" | "range" | "geoip" | null;
  ipCategory: string | null;
  ipTags: readonly string[];
  message: string | null;
  searchText: string;
  raw: TEvent;
}>;

export type StorePageInput = Readonly<{
  connectorId: string;
  leaseOwner: string;
  activities: readonly NormalizedActivity[];
  droppedUnverified: number;
  /** The page's events that do not match the wire schema: stored raw, in the same transaction. */
  quarantined?: readonly QuarantineRow[];
  cursor: string | null;
  /** Decides, from the numbers of new rows, whether the stream's head is reached (stored with the page). */
  isCaughtUp: (inserted: number, quarantinedNew: number) => boolean;
}>;

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
}

const toRow = (a: NormalizedActivity) => ({
  event_id: a.eventId,
  event_time: a.eventTime.toISOString(),
  processed_at: a.processedAt?.toISOString() ?? null,
  action: a.action,
  action_name: a.actionName,
  action_group: a.actionGroup,
  product: a.product,
  site_id: a.siteId,
  site_name: a.siteName,
  actor_id: a.actorId,
  actor_name: a.actorName,
  actor_email: a.actorEmail,
  on_behalf_of_id: a.onBehalfOfId,
  auth_type: a.authType,
  token_id: a.tokenId,
  is_system: a.isSystem,
  is_admin_action: a.isAdminAction,
  is_impersonation: a.isImpersonation,
  targets: a.targets,
  target_name: a.targetName,
  ip: a.ip,
  country: a.country,
  country_code: a.countryCode,
  region: a.region,
  city: a.city,
  lat: a.lat,
  lon: a.lon,
  location_source: a.locationSource,
  ip_category: a.ipCategory,
  ip_tags: a.ipTags,
  message: a.message,
  search_text: a.searchText,
  raw: a.raw,
});

/**
 * Stores one page (its activities and its quarantined events) and advances the cursor in a single transaction:
 * a crash at any point either keeps all or none, and the unique (connector, event id) of both tables makes a
 * replayed page a no-op. The update is fenced by the sync lease, so a worker that lost its lease cannot move
 * the cursor.
 */
export const storeActivityPage = async (
  input: StorePageInput,
): Promise<{ inserted: number; duplicates: number; quarantinedNew: number; isCaughtUp: boolean }> => {
  const rows = JSON.stringify(input.activities.map(toRow));
  const newestProcessed = input.activities.reduce<Date | null>((max, a) => (a.processedAt && (!max || a.processedAt > max) ? a.processedAt : max), null);
  const client = await getPgPool().connect();
  try {
    await client.query("BEGIN");
    const inserted = input.activities.length === 0 ? 0 : ((await client.query(INSERT_PAGE_SQL, [input.connectorId, rows])).rowCount ?? 0);
    const duplicates = input.activities.length - inserted;
    const quarantinedNew = await insertQuarantinedEvents(client, input.connectorId, input.quarantined ?? []);
    const isCaughtUp = input.isCaughtUp(inserted, quarantinedNew);
    const updated = await client.query(
      `UPDATE connectors SET cursor = $2, activities_stored = activities_stored + $3, duplicates_skipped = duplicates_skipped + $4,
        dropped_unverified = dropped_unverified + $5, last_sync_at = clock_timestamp(), is_caught_up = $6,
        last_processed_at = GREATEST(last_processed_at, $7::timestamptz), events_quarantined = events_quarantined + $9
       WHERE id = $1::uuid AND sync_lease_owner = $8`,
      [input.connectorId, input.cursor, inserted, duplicates, input.droppedUnverified, isCaughtUp, newestProcessed, input.leaseOwner, quarantinedNew],
    );
    if (updated.rowCount !== 1) throw new LeaseLostError("sync lease lost; another worker took over this connector");
    await client.query("COMMIT");
    return { inserted, duplicates, quarantinedNew, isCaughtUp };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

const INSERT_PAGE_SQL = `
  INSERT INTO activities (connector_id, event_id, event_time, processed_at, action, action_name, action_group, product, site_id, site_name,
    actor_id, actor_name, actor_email, on_behalf_of_id, auth_type, token_id, is_system, is_admin_action, is_impersonation, targets, target_name,
    ip, country, country_code, region, city, lat, lon, location_source, ip_category, ip_tags, message, search_text, raw)
  SELECT $1::uuid, r.event_id, r.event_time, r.processed_at, r.action, r.action_name, r.action_group, r.product, r.site_id, r.site_name,
    r.actor_id, r.actor_name, r.actor_email, r.on_behalf_of_id, r.auth_type, r.token_id, r.is_system, r.is_admin_action, r.is_impersonation, r.targets,
    r.target_name, r.ip::inet, r.country, r.country_code, r.region, r.city, r.lat, r.lon, r.location_source, r.ip_category,
    ARRAY(SELECT jsonb_array_elements_text(r.ip_tags)), r.message, r.search_text, r.raw
  FROM jsonb_to_recordset($2::jsonb) AS r(event_id text, event_time timestamptz, processed_at timestamptz, action text, action_name text,
    action_group text, product text, site_id text, site_name text, actor_id text, actor_name text, actor_email text, on_behalf_of_id text,
    auth_type text, token_id text, is_system boolean, is_admin_action boolean, is_impersonation boolean, targets jsonb, target_name text,
    ip text, country text, country_code text, region text, city text, lat float8, lon float8, location_source text, ip_category text,
    ip_tags jsonb, message text, search_text text, raw jsonb)
  ON CONFLICT (connector_id, event_id) DO NOTHING`;

export const listEventIds = async (connectorId: string): Promise<string[]> =>
  (await getDb().activity.findMany({ where: { connectorId }, select: { eventId: true } })).map((r) => r.eventId);
