import type { TEvent } from "../../atlassian";
import type { TDetectionActivity } from "../../detection/types";
import type { TEnrichable } from "../../enrichment/enrich-activities";
import { sql } from "kysely";
import { getDb, getSql, type Db, type Sql } from "../db";
import { jsonRecordset, type TRecordsetTypes } from "./json-recordset";
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
  message: string | null;
  searchText: string;
  raw: TEvent;
}> &
  /** ip and location (countryCode: ISO alpha-2; see the Activity model for the precedence of sources). */
  TEnrichable;

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

/** An activity row to insert: the sync's events, or the session proxy's requests (whose raw is the proxy's own record). */
type TInsertableActivity = Omit<NormalizedActivity, "raw"> & Readonly<{ raw: TEvent | Readonly<Record<string, unknown>> }>;

const toRow = (a: TInsertableActivity) => ({
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

// The page's rows as one jsonb parameter (docs/benchmarks.md: one statement per page, whatever its size).
const PAGE_TYPES = {
  event_id: "text",
  event_time: "timestamptz",
  processed_at: "timestamptz",
  action: "text",
  action_name: "text",
  action_group: "text",
  product: "text",
  site_id: "text",
  site_name: "text",
  actor_id: "text",
  actor_name: "text",
  actor_email: "text",
  on_behalf_of_id: "text",
  auth_type: "text",
  token_id: "text",
  is_system: "boolean",
  is_admin_action: "boolean",
  is_impersonation: "boolean",
  targets: "jsonb",
  target_name: "text",
  ip: "text",
  country: "text",
  country_code: "text",
  region: "text",
  city: "text",
  lat: "float8",
  lon: "float8",
  location_source: "text",
  ip_category: "text",
  ip_tags: "jsonb",
  message: "text",
  search_text: "text",
  raw: "jsonb",
} as const satisfies TRecordsetTypes<ReturnType<typeof toRow>>;

const PAGE_COLUMNS = ["connector_id", "event_id", "event_time", "processed_at", "action", "action_name", "action_group", "product", "site_id", "site_name",
  "actor_id", "actor_name", "actor_email", "on_behalf_of_id", "auth_type", "token_id", "is_system", "is_admin_action", "is_impersonation", "targets",
  "target_name", "ip", "country", "country_code", "region", "city", "lat", "lon", "location_source", "ip_category", "ip_tags", "message",
  "search_text", "raw", "source"] as const;

/** The SELECT list over the recordset `r` matching PAGE_COLUMNS. */
const pageSelection = (connectorId: string, source: "audit_log" | "session_proxy") =>
  [
    sql<string>`${connectorId}::uuid`.as("connector_id"),
    "r.event_id", "r.event_time", "r.processed_at", "r.action", "r.action_name", "r.action_group", "r.product", "r.site_id", "r.site_name",
    "r.actor_id", "r.actor_name", "r.actor_email", "r.on_behalf_of_id", "r.auth_type", "r.token_id", "r.is_system", "r.is_admin_action",
    "r.is_impersonation", "r.targets", "r.target_name", sql<string>`${sql.ref("r.ip")}::inet`.as("ip"), "r.country", "r.country_code",
    "r.region", "r.city", "r.lat", "r.lon", "r.location_source", "r.ip_category",
    // A JSON array to text[]: jsonb_to_recordset has no array fields.
    sql<string[]>`ARRAY(SELECT jsonb_array_elements_text(${sql.ref("r.ip_tags")}))`.as("ip_tags"),
    "r.message", "r.search_text", "r.raw", sql<string>`${source}::text`.as("source"),
  ] as const;

/** Inserts the page's new activities (a replayed event id is skipped); returns how many were new. */
const insertPage = async (trx: Sql, connectorId: string, activities: readonly TInsertableActivity[]): Promise<number> => {
  if (activities.length === 0) return 0;
  const r = jsonRecordset("r", PAGE_TYPES, activities.map(toRow));
  const result = await trx
    .insertInto("activities")
    .columns(PAGE_COLUMNS)
    .expression((eb) => eb.selectFrom(r).select(pageSelection(connectorId, "audit_log")))
    // No conflict target: the unique key is (connector_id, event_id, event_time) on the partitioned table and
    // (connector_id, event_id) on the table it replaces while the move runs (docs/data-model.md); the other unique
    // key, the primary key, takes a fresh seq and never conflicts.
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};

/**
 * Stores one page (its activities and its quarantined events) and advances the cursor in a single transaction:
 * a crash at any point either keeps all or none, and the unique (connector, event id) of both tables makes a
 * replayed page a no-op. The update is fenced by the sync lease, so a worker that lost its lease cannot move
 * the cursor. On the pg pool: the ingest hot path (docs/benchmarks.md).
 */
export const storeActivityPage = async (
  input: StorePageInput,
  db: Sql = getSql(),
): Promise<{ inserted: number; duplicates: number; quarantinedNew: number; isCaughtUp: boolean }> => {
  const newestProcessed = input.activities.reduce<Date | null>((max, a) => (a.processedAt && (!max || a.processedAt > max) ? a.processedAt : max), null);
  return db.transaction().execute(async (trx) => {
    const inserted = await insertPage(trx, input.connectorId, input.activities);
    const duplicates = input.activities.length - inserted;
    const quarantinedNew = await insertQuarantinedEvents(input.connectorId, input.quarantined ?? [], trx);
    const isCaughtUp = input.isCaughtUp(inserted, quarantinedNew);
    const updated = await trx
      .updateTable("connectors")
      .set((eb) => ({
        cursor: input.cursor,
        activities_stored: eb("activities_stored", "+", String(inserted)),
        duplicates_skipped: eb("duplicates_skipped", "+", String(duplicates)),
        dropped_unverified: eb("dropped_unverified", "+", String(input.droppedUnverified)),
        last_sync_at: sql<Date>`clock_timestamp()`,
        is_caught_up: isCaughtUp,
        last_processed_at: sql<Date>`GREATEST(${sql.ref("last_processed_at")}, ${newestProcessed}::timestamptz)`,
        events_quarantined: eb("events_quarantined", "+", String(quarantinedNew)),
      }))
      .where("id", "=", input.connectorId)
      .where("sync_lease_owner", "=", input.leaseOwner)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new LeaseLostError("sync lease lost; another worker took over this connector");
    return { inserted, duplicates, quarantinedNew, isCaughtUp };
  });
};

/**
 * One session-proxy request as an activity (source `session_proxy`; raw: the proxy's record of the request), with the
 * session policies' verdict: `sessionOutcome` ('blocked' | 'audited', null when no policy matched) and the matching
 * policies' ids in evaluation order.
 */
export type TSessionActivity = TInsertableActivity &
  Readonly<{ connectorId: string; raw: Readonly<Record<string, unknown>>; sessionOutcome: "blocked" | "audited" | null; sessionPolicyIds: readonly string[] }>;

const SESSION_TYPES = { ...PAGE_TYPES, session_outcome: "text", session_policy_ids: "jsonb" } as const;

/**
 * Inserts the session proxy's activities, one statement per connector. No cursor and no lease: the proxy is the
 * only writer of its event ids (`proxy:<uuid>`), and a retried batch skips the rows a failed attempt stored.
 */
export const insertSessionActivities = async (activities: readonly TSessionActivity[], db: Sql = getSql()): Promise<number> => {
  const byConnector = new Map<string, TSessionActivity[]>();
  for (const a of activities) byConnector.set(a.connectorId, [...(byConnector.get(a.connectorId) ?? []), a]);
  let inserted = 0;
  for (const [connectorId, rows] of byConnector) {
    const r = jsonRecordset("r", SESSION_TYPES, rows.map((a) => ({ ...toRow(a), session_outcome: a.sessionOutcome, session_policy_ids: a.sessionPolicyIds })));
    const result = await db
      .insertInto("activities")
      .columns([...PAGE_COLUMNS, "session_outcome", "session_policy_ids"])
      .expression((eb) =>
        eb
          .selectFrom(r)
          .select([
            ...pageSelection(connectorId, "session_proxy"),
            "r.session_outcome",
            sql<string[]>`ARRAY(SELECT jsonb_array_elements_text(${sql.ref("r.session_policy_ids")}))::uuid[]`.as("session_policy_ids"),
          ]),
      )
      .onConflict((oc) => oc.doNothing()) // as insertPage
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
};

export const listEventIds = async (connectorId: string, db: Db = getDb()): Promise<string[]> =>
  (await db.activity.findMany({ where: { connectorId }, select: { eventId: true } })).map((r) => r.eventId);

// Detection reads every stored activity: on the pg pool, where Prisma's per-row mapping would cost more than
// the detectors themselves (docs/benchmarks.md). Times come as epoch ms (float8): node-postgres parses
// timestamptz text far more slowly than a number. Queries order by activities.seq / activities.event_time (the
// columns), never by these aliases.
const epochMs = (column: "event_time" | "stored_at") => sql<number>`(extract(epoch FROM ${sql.ref(`activities.${column}`)}) * 1000)::float8`;

const selectDetectionActivities = (db: Sql) =>
  db
    .selectFrom("activities")
    .select([
      "seq", "connector_id", "event_id", epochMs("event_time").as("event_time"), epochMs("stored_at").as("stored_at"), "action", "action_group",
      "product", "actor_id", "actor_name", "actor_email", "on_behalf_of_id", "auth_type", "is_system", "is_admin_action", "is_impersonation",
      sql<string | null>`host(${sql.ref("activities.ip")})`.as("ip"), "country", "country_code", "city", "lat", "lon", "ip_category", "ip_tags",
      "target_name", "search_text", "session_outcome",
    ]);

type TDetectionActivityRow = Awaited<ReturnType<ReturnType<typeof selectDetectionActivities>["executeTakeFirstOrThrow"]>>;

const toDetectionActivity = (r: TDetectionActivityRow): TDetectionActivity => ({
  seq: BigInt(r.seq),
  connectorId: r.connector_id,
  eventId: r.event_id,
  eventTime: new Date(r.event_time),
  storedAt: new Date(r.stored_at),
  action: r.action,
  actionGroup: r.action_group,
  product: r.product,
  actorId: r.actor_id,
  actorName: r.actor_name,
  actorEmail: r.actor_email,
  onBehalfOfId: r.on_behalf_of_id,
  authType: r.auth_type,
  isSystem: r.is_system,
  isAdminAction: r.is_admin_action,
  isImpersonation: r.is_impersonation,
  ip: r.ip,
  country: r.country,
  countryCode: r.country_code,
  city: r.city,
  lat: r.lat,
  lon: r.lon,
  ipCategory: r.ip_category,
  ipTags: r.ip_tags ?? [],
  targetName: r.target_name,
  searchText: r.search_text,
  sessionOutcome: r.session_outcome,
});

/** Activities of every connector with event_time in [from, to), in event-time order, keyset-paginated (preview). */
export const scanActivitiesByEventTime = async (
  options: Readonly<{ from: Date; to: Date; after?: { time: Date; seq: bigint }; limit: number }>,
  db: Sql = getSql(),
): Promise<TDetectionActivity[]> => {
  const { from, to, after, limit } = options;
  const rows = await selectDetectionActivities(db)
    .where("activities.event_time", ">=", from)
    .where("activities.event_time", "<", to)
    .$if(after !== undefined, (qb) =>
      qb.where((eb) => eb(eb.refTuple("activities.event_time", "activities.seq"), ">", eb.tuple(after?.time ?? from, after?.seq.toString() ?? "0"))),
    )
    .orderBy("activities.event_time")
    .orderBy("activities.seq")
    .limit(limit)
    .execute();
  return rows.map(toDetectionActivity);
};

/**
 * A connector's activities after a seq, in seq order. Outside a transaction (no cursor lock): stored activities
 * never change, so the detection pass reads the next batch while it processes the current one.
 */
export const readActivitiesAfter = async (connectorId: string, afterSeq: bigint, limit: number, db: Sql = getSql()): Promise<TDetectionActivity[]> =>
  (
    await selectDetectionActivities(db)
      .where("activities.connector_id", "=", connectorId)
      .where("activities.seq", ">", afterSeq.toString())
      .orderBy("activities.seq")
      .limit(limit)
      .execute()
  ).map(toDetectionActivity);

export type TGroupMembership = { connectorId: string; accountId: string; groupId: string | null; groupName: string | null };

/**
 * Group memberships as the org audit log tells them: the latest user_added_to_group /
 * user_removed_from_group per user and group (the Admin API offers no group listing to sync).
 * Memberships older than the stored history are unknown. A typed fragment: DISTINCT ON over JSON paths of two
 * lateral jsonb_array_elements, which the builder would only restate as text.
 */
export const listGroupMemberships = async (connectorIds?: readonly string[], db: Sql = getSql()): Promise<TGroupMembership[]> => {
  const { rows } = await sql<{ connector_id: string; account_id: string; group_id: string | null; group_name: string | null }>`
    SELECT connector_id, account_id, group_id, group_name FROM (
      SELECT DISTINCT ON (a.connector_id, u->>'id', coalesce(g->>'id', g->>'name'))
        a.connector_id, u->>'id' AS account_id, g->>'id' AS group_id, g->>'name' AS group_name, a.action
      FROM ${sql.table("activities")} a
      CROSS JOIN LATERAL jsonb_array_elements(coalesce(${sql.ref("a.targets")}, '[]'::jsonb)) g
      CROSS JOIN LATERAL jsonb_array_elements(coalesce(${sql.ref("a.targets")}, '[]'::jsonb)) u
      WHERE ${sql.ref("a.action")} IN ('user_added_to_group', 'user_removed_from_group')
        AND g->>'type' = 'groups' AND u->>'type' = 'users' AND u->>'id' IS NOT NULL
        AND (${connectorIds ? [...connectorIds] : null}::uuid[] IS NULL OR ${sql.ref("a.connector_id")} = ANY(${connectorIds ? [...connectorIds] : null}::uuid[]))
      ORDER BY a.connector_id, u->>'id', coalesce(g->>'id', g->>'name'), ${sql.ref("a.event_time")} DESC, ${sql.ref("a.seq")} DESC
    ) latest WHERE action = 'user_added_to_group'`.execute(db);
  return rows.map((r) => ({ connectorId: r.connector_id, accountId: r.account_id, groupId: r.group_id, groupName: r.group_name }));
};

export type UserActivityRow = Readonly<{
  seq: string;
  eventId: string;
  eventTime: Date;
  action: string;
  actionName: string | null;
  product: string;
  targetName: string | null;
  ip: string | null;
  countryCode: string | null;
  country: string | null;
  city: string | null;
}>;

/**
 * An account's activities newest first (the (actor_id, event_time, seq) index), keyset-paginated on
 * (event_time, seq): event times have millisecond precision, so an ISO timestamp in the cursor is exact.
 */
export const listUserActivities = async (
  options: Readonly<{ connectorId: string; accountId: string; before?: readonly [string, string]; limit: number }>,
  db: Sql = getSql(),
): Promise<{ rows: UserActivityRow[]; hasMore: boolean }> => {
  const { before } = options;
  const rows = await db
    .selectFrom("activities")
    .select([
      "seq", "event_id as eventId", "event_time as eventTime", "action", "action_name as actionName", "product", "target_name as targetName",
      sql<string | null>`host(${sql.ref("activities.ip")})`.as("ip"), "country_code as countryCode", "country", "city",
    ])
    .where("actor_id", "=", options.accountId)
    .where("connector_id", "=", options.connectorId)
    .$if(before !== undefined, (qb) =>
      qb.where((eb) => eb(eb.refTuple("event_time", "seq"), "<", eb.tuple(sql<Date>`${before?.[0]}::timestamptz`, sql<string>`${before?.[1]}::bigint`))),
    )
    .orderBy("event_time", "desc")
    .orderBy("seq", "desc")
    .limit(options.limit + 1)
    .execute();
  return { rows: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
};

/** Org audit events of the given actions in a time window, newest first: the changes behind a drift. */
export const findSettingChanges = (connectorId: string, actions: readonly string[], from: Date, to: Date, limit = 10, db: Db = getDb()) =>
  db.activity.findMany({
    where: { connectorId, action: { in: [...actions] }, eventTime: { gte: from, lte: to } },
    orderBy: [{ eventTime: "desc" }, { seq: "desc" }],
    take: limit,
    select: { seq: true, action: true, actionName: true, eventTime: true, actorId: true, actorName: true, actorEmail: true },
  });
