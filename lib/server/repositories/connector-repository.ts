import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "../../generated/kysely/types";
import type { ConnectorStatus, Prisma } from "../../generated/prisma/client";
import { liveWorkerKeys } from "./worker-presence-repository";
import { getDb, getSql, type Db, type Sql } from "../db";
import { ConflictError, withConflict } from "./persistence-errors";

/** Every column but the encrypted key, which only the sync path reads (findConnectorSecret). */
const CONNECTOR_SELECT = {
  id: true,
  name: true,
  app: true,
  orgId: true,
  baseUrl: true,
  apiKeyLast4: true,
  rateBucketKey: true,
  apiKeyExpiresAt: true,
  apiKeySetAt: true,
  missingScopes: true,
  scopesCheckedAt: true,
  status: true,
  statusDetail: true,
  nextRetryAt: true,
  failureCount: true,
  backfillDays: true,
  syncFrom: true,
  cursor: true,
  initialSyncDoneAt: true,
  lastSyncAt: true,
  lastProcessedAt: true,
  isCaughtUp: true,
  pollIntervalMs: true,
  directorySyncedAt: true,
  activitiesStored: true,
  droppedUnverified: true,
  duplicatesSkipped: true,
  rateLimited: true,
  eventsQuarantined: true,
  usersSynced: true,
  createdAt: true,
} as const satisfies Prisma.ConnectorSelect;

export type ConnectorRecord = Prisma.ConnectorGetPayload<{ select: typeof CONNECTOR_SELECT }>;

export type NewConnector = Readonly<{
  /** Made by the caller: the API key's ciphertext is bound to it (secret-columns.ts). */
  id: string;
  name: string;
  orgId: string;
  baseUrl: string;
  apiKeyCiphertext: string;
  apiKeyLast4: string;
  rateBucketKey: string;
  apiKeyExpiresAt: Date;
  backfillDays: number;
  syncFrom: Date;
  createdById: string | null;
  missingScopes: string[];
  scopesCheckedAt: Date;
}>;

/** A name or organization taken meanwhile (past the service's checks) is a ConflictError (409). */
export const insertConnector = (data: NewConnector, db: Db = getDb()): Promise<ConnectorRecord> =>
  withConflict(
    () => db.connector.create({ data: { ...data, status: "connecting" }, select: CONNECTOR_SELECT }),
    () => new ConflictError("This connector already exists (same name or organization)"),
  );

/**
 * Every connector, oldest first. Read by every dashboard and connectors page: on the pg pool, which costs the web
 * process a fraction of a Prisma query (bench:load, docs/benchmarks.md). The same columns as CONNECTOR_SELECT.
 */
export const listConnectorRecords = async (db: Sql = getSql()): Promise<ConnectorRecord[]> => {
  const rows = await db
    .selectFrom("connectors")
    .select([
      "id", "name", "app", "org_id as orgId", "base_url as baseUrl", "api_key_last4 as apiKeyLast4", "rate_bucket_key as rateBucketKey",
      "api_key_expires_at as apiKeyExpiresAt", "api_key_set_at as apiKeySetAt", "missing_scopes as missingScopes",
      "scopes_checked_at as scopesCheckedAt", "status", "status_detail as statusDetail", "next_retry_at as nextRetryAt",
      "failure_count as failureCount", "backfill_days as backfillDays", "sync_from as syncFrom", "cursor",
      "initial_sync_done_at as initialSyncDoneAt", "last_sync_at as lastSyncAt", "last_processed_at as lastProcessedAt",
      "is_caught_up as isCaughtUp", "poll_interval_ms as pollIntervalMs", "directory_synced_at as directorySyncedAt",
      "activities_stored as activitiesStored", "dropped_unverified as droppedUnverified", "duplicates_skipped as duplicatesSkipped",
      "rate_limited as rateLimited", "events_quarantined as eventsQuarantined", "users_synced as usersSynced", "created_at as createdAt",
    ])
    .orderBy("created_at")
    .execute();
  // bigint columns arrive as text from pg: exact, made BigInt as Prisma returns them.
  return rows.map((r) => ({
    ...r,
    activitiesStored: BigInt(r.activitiesStored),
    droppedUnverified: BigInt(r.droppedUnverified),
    duplicatesSkipped: BigInt(r.duplicatesSkipped),
    rateLimited: BigInt(r.rateLimited),
    eventsQuarantined: BigInt(r.eventsQuarantined),
  }));
};

export const findConnectorRecord = (id: string, db: Db = getDb()): Promise<ConnectorRecord | null> =>
  db.connector.findUnique({ where: { id }, select: CONNECTOR_SELECT });

export const findConnectorByName = (name: string, db: Db = getDb()) => db.connector.findUnique({ where: { name }, select: { id: true } });

export const findConnectorByOrg = (baseUrl: string, orgId: string, db: Db = getDb()) =>
  db.connector.findUnique({ where: { baseUrl_orgId: { baseUrl, orgId } }, select: { id: true, name: true } });

/** The encrypted key with what is needed to call the API: for the sync worker only. */
export const findConnectorSecret = (id: string, db: Db = getDb()) =>
  db.connector.findUnique({ where: { id }, select: { ...CONNECTOR_SELECT, apiKeyCiphertext: true } });

export const listSyncableConnectorIds = async (db: Db = getDb()): Promise<string[]> =>
  (await db.connector.findMany({ where: { status: { notIn: ["disabled", "error"] } }, select: { id: true } })).map((c) => c.id);

export type ConnectorPatch = Partial<{
  status: ConnectorStatus;
  statusDetail: string | null;
  nextRetryAt: Date | null;
  failureCount: number;
  cursor: string | null;
  initialSyncDoneAt: Date;
  lastSyncAt: Date;
  directorySyncedAt: Date;
  usersSynced: number;
  apiKeyCiphertext: string;
  apiKeyLast4: string;
  rateBucketKey: string;
  apiKeyExpiresAt: Date;
  apiKeySetAt: Date;
  missingScopes: string[];
  scopesCheckedAt: Date;
  isCaughtUp: boolean;
  pollIntervalMs: number;
  rateLimitedIncrement: number;
}>;

export const updateConnector = async (id: string, patch: ConnectorPatch, db: Db = getDb()): Promise<void> => {
  const { rateLimitedIncrement, ...rest } = patch;
  await db.connector.update({
    where: { id },
    data: { ...rest, ...(rateLimitedIncrement ? { rateLimited: { increment: rateLimitedIncrement } } : {}) },
    select: { id: true },
  });
};

export type ConnectorDeletion = Readonly<{ activities: number; alerts: number; governanceActions: number }>;

/**
 * Deletes the connector (its activities, alerts, governance log and synced directory go by cascade) and
 * says how many activities, alerts and governance entries went. One statement: the counts come from the
 * same snapshot as the delete, with no interactive transaction to time out on a large connector.
 * Null when no such connector.
 */
export const deleteConnectorCounting = async (id: string, db: Db = getDb()): Promise<ConnectorDeletion | null> => {
  const row = await db.$kysely
    .with("gone", (qb) => qb.deleteFrom("connectors").where("id", "=", id).returning("id"))
    .selectNoFrom((eb) => [
      eb.selectFrom("gone").select((c) => c.fn.countAll().as("n")).as("deleted"),
      eb.selectFrom("activities").where("connector_id", "=", id).select((c) => c.fn.countAll().as("n")).as("activities"),
      eb.selectFrom("alerts").where("connector_id", "=", id).select((c) => c.fn.countAll().as("n")).as("alerts"),
      eb.selectFrom("governance_actions").where("connector_id", "=", id).select((c) => c.fn.countAll().as("n")).as("governance"),
    ])
    .executeTakeFirst();
  // count(*) is a bigint: a BigInt through Prisma.
  if (!row || Number(row.deleted) === 0) return null;
  return { activities: Number(row.activities), alerts: Number(row.alerts), governanceActions: Number(row.governance) };
};

/** The lease is free, expired, or held by a worker that is gone (its presence key no longer locked). */
const isLeaseTakeable = (eb: ExpressionBuilder<DB, "connectors">) =>
  eb.or([
    eb("sync_lease_until", "is", null),
    eb("sync_lease_until", "<", sql<Date>`clock_timestamp()`),
    eb.and([eb("sync_lease_claimed_by", "is not", null), eb("sync_lease_claimed_by", "not in", liveWorkerKeys)]),
  ]);

/**
 * Claims the sync lease when free, expired, or held by a worker that is gone (its presence key no longer
 * locked); false when another living worker holds it. `claimant` is the caller's presence key, if it has one.
 */
export const claimSyncLease = async (id: string, owner: string, leaseMs: number, claimant: number | null = null, db: Sql = getSql()): Promise<boolean> => {
  const result = await db
    .updateTable("connectors")
    .set({
      sync_lease_owner: owner,
      sync_lease_until: sql<Date>`clock_timestamp() + (${leaseMs}::int * interval '1 millisecond')`,
      sync_lease_claimed_by: claimant,
    })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb("sync_lease_owner", "is", null),
        eb("sync_lease_owner", "=", owner),
        eb("sync_lease_until", "<", sql<Date>`clock_timestamp()`),
        eb.and([eb("sync_lease_claimed_by", "is not", null), eb("sync_lease_claimed_by", "not in", liveWorkerKeys)]),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
};

export const releaseSyncLease = async (id: string, owner: string, db: Db = getDb()): Promise<void> => {
  await db.$kysely
    .updateTable("connectors")
    .set({ sync_lease_owner: null, sync_lease_until: null, sync_lease_claimed_by: null })
    .where("id", "=", id)
    .where("sync_lease_owner", "=", owner)
    .execute();
};

/**
 * Back to the live interval for every connector: a starting worker cannot know what arrived while no worker
 * ran, so quiet backoff must not delay its first poll.
 */
export const resetPollIntervals = async (intervalMs: number, db: Sql = getSql()): Promise<void> => {
  await db.updateTable("connectors").set({ poll_interval_ms: intervalMs }).where("poll_interval_ms", ">", intervalMs).execute();
};

/** Every sync lease `owner` holds (a stopping worker): its connectors are free for the next pass at once. */
export const releaseSyncLeasesOf = async (owner: string, db: Db = getDb()): Promise<void> => {
  await db.$kysely
    .updateTable("connectors")
    .set({ sync_lease_owner: null, sync_lease_until: null, sync_lease_claimed_by: null })
    .where("sync_lease_owner", "=", owner)
    .execute();
};

export const appendConnectorEvent = async (
  entry: Readonly<{ connectorId: string; kind: string; status?: ConnectorStatus; detail?: string; actorEmail?: string }>,
  db: Db = getDb(),
) => {
  await db.connectorEvent.create({ data: entry, select: { id: true } });
};

export const listConnectorEvents = (connectorId: string, limit = 50, db: Db = getDb()) =>
  db.connectorEvent.findMany({ where: { connectorId }, orderBy: { id: "desc" }, take: limit });

/**
 * Connectors a worker should sync now: enabled, not backing off, behind or due for a poll, and not leased. A
 * caught-up connector is due `poll_interval_ms` after its last poll, never sooner than `minPollSeconds`.
 */
export const findDueConnectorIds = async (minPollSeconds: number, db: Sql = getSql()): Promise<string[]> => {
  const rows = await db
    .selectFrom("connectors")
    .select("id")
    .where("status", "not in", ["disabled", "error"])
    .where((eb) => eb.or([eb("next_retry_at", "is", null), eb("next_retry_at", "<=", sql<Date>`clock_timestamp()`)]))
    .where((eb) =>
      eb.or([
        eb.not(eb.ref("is_caught_up")),
        eb("last_sync_at", "is", null),
        // Interval arithmetic: a fragment (the builder has no interval type).
        eb("last_sync_at", "<", sql<Date>`clock_timestamp() - greatest(${minPollSeconds}::float8 * 1000, ${sql.ref("poll_interval_ms")}) * interval '1 millisecond'`),
      ]),
    )
    .where(isLeaseTakeable)
    .execute();
  return rows.map((r) => r.id);
};

/** Connector names by id (a handful of rows). */
export const findConnectorNames = async (db: Sql = getSql()): Promise<Map<string, string>> =>
  new Map((await db.selectFrom("connectors").select(["id", "name"]).execute()).map((r) => [r.id, r.name]));

/** Connectors with activities the detection cursor has not reached yet. */
export const listConnectorsWithPendingActivities = async (db: Sql = getSql()): Promise<string[]> => {
  const rows = await db
    .selectFrom("connectors as c")
    .leftJoin("activity_consumer_cursors as cur", (join) => join.on("cur.consumer", "=", "detection").onRef("cur.connector_id", "=", "c.id"))
    .select("c.id")
    .where(({ exists, selectFrom, ref, fn }) =>
      exists(
        selectFrom("activities as a")
          .select(sql<number>`1`.as("one"))
          .whereRef("a.connector_id", "=", "c.id")
          .where("a.seq", ">", fn.coalesce(ref("cur.last_seq"), sql<string>`0`)),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
};

export const findConnectorName = async (id: string, db: Db = getDb()): Promise<string | null> =>
  (await db.connector.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;

/** The connector's name with the scopes its API key lacks (governance refuses actions the key cannot do). */
export const findConnectorNameAndScopes = (id: string, db: Db = getDb()) => db.connector.findUnique({ where: { id }, select: { name: true, missingScopes: true } });

export const findConnectorForGovernance = (id: string, db: Db = getDb()) =>
  db.connector.findUnique({
    where: { id },
    select: { id: true, name: true, baseUrl: true, orgId: true, apiKeyCiphertext: true, rateBucketKey: true, apiKeyExpiresAt: true, missingScopes: true },
  });

/** Connectors whose API key expires within `withinDays` (and has not expired yet). */
export const listConnectorsWithExpiringKeys = (now: Date, withinDays: number, db: Db = getDb()) =>
  db.connector.findMany({
    where: { apiKeyExpiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * 86_400_000) } },
    select: { id: true, name: true, apiKeyExpiresAt: true, apiKeySetAt: true },
  });

export const findPostureConnector = (connectorId: string, db: Db = getDb()) =>
  db.connector.findUnique({ where: { id: connectorId }, select: { id: true, name: true, status: true, directorySyncedAt: true } });

/**
 * Connectors whose directory was synced after their latest evaluation (or never evaluated), and that are
 * not syncing right now: the pass evaluates at its end, once the audit events behind a change are stored.
 */
export const listConnectorsDueForPosture = async (db: Db = getDb()): Promise<string[]> =>
  (
    await db.$kysely
      .selectFrom("connectors as c")
      .select("c.id")
      .where("c.directory_synced_at", "is not", null)
      .where((eb) => eb.or([eb("c.sync_lease_until", "is", null), eb("c.sync_lease_until", "<", sql<Date>`now()`)]))
      .where((eb) =>
        eb(
          "c.directory_synced_at",
          ">",
          eb.fn.coalesce(
            eb.selectFrom("posture_evaluations as e").select((s) => s.fn.max("e.at").as("latest")).whereRef("e.connector_id", "=", "c.id"),
            sql<Date>`'-infinity'`,
          ),
        ),
      )
      .execute()
  ).map((r) => r.id);

/** Makes the next sync pass re-read users, domains and policies now (the on-demand refresh). */
export const requestDirectoryResync = async (connectorId: string, db: Db = getDb()) => {
  await db.connector.update({ where: { id: connectorId }, data: { directorySyncedAt: null, nextRetryAt: null, isCaughtUp: false }, select: { id: true } });
};
