import type { ConnectorStatus, Prisma } from "../../generated/prisma/client";
import { LIVE_KEYS_SQL } from "./worker-presence-repository";
import { getDb, getPgPool, type Db } from "../db";
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

// The connector list is read by every dashboard and connectors page: plain SQL on the pg pool (the same columns
// as CONNECTOR_SELECT), which costs the web process a fraction of a Prisma query (bench:load, docs/benchmarks.md).
const LIST_CONNECTORS_SQL = `SELECT id::text, name, app, org_id AS "orgId", base_url AS "baseUrl", api_key_last4 AS "apiKeyLast4",
    rate_bucket_key AS "rateBucketKey", api_key_expires_at AS "apiKeyExpiresAt", api_key_set_at AS "apiKeySetAt",
    missing_scopes AS "missingScopes", scopes_checked_at AS "scopesCheckedAt", status::text AS status,
    status_detail AS "statusDetail", next_retry_at AS "nextRetryAt", failure_count AS "failureCount", backfill_days AS "backfillDays",
    sync_from AS "syncFrom", cursor, initial_sync_done_at AS "initialSyncDoneAt", last_sync_at AS "lastSyncAt",
    last_processed_at AS "lastProcessedAt", is_caught_up AS "isCaughtUp", directory_synced_at AS "directorySyncedAt",
    activities_stored::text AS "activitiesStored", dropped_unverified::text AS "droppedUnverified",
    duplicates_skipped::text AS "duplicatesSkipped", rate_limited::text AS "rateLimited",
    events_quarantined::text AS "eventsQuarantined", users_synced AS "usersSynced", created_at AS "createdAt"
  FROM connectors ORDER BY created_at`;

type TBigIntColumn = "activitiesStored" | "droppedUnverified" | "duplicatesSkipped" | "rateLimited" | "eventsQuarantined";

export const listConnectorRecords = async (): Promise<ConnectorRecord[]> => {
  const { rows } = await getPgPool().query<Omit<ConnectorRecord, TBigIntColumn> & Record<TBigIntColumn, string>>({ name: "list-connectors", text: LIST_CONNECTORS_SQL });
  return rows.map((r) => ({
    ...r,
    activitiesStored: BigInt(r.activitiesStored),
    droppedUnverified: BigInt(r.droppedUnverified),
    duplicatesSkipped: BigInt(r.duplicatesSkipped),
    rateLimited: BigInt(r.rateLimited),
    eventsQuarantined: BigInt(r.eventsQuarantined),
  }));
};

export const findConnectorRecord = (id: string): Promise<ConnectorRecord | null> =>
  getDb().connector.findUnique({ where: { id }, select: CONNECTOR_SELECT });

export const findConnectorByName = (name: string) => getDb().connector.findUnique({ where: { name }, select: { id: true } });

export const findConnectorByOrg = (baseUrl: string, orgId: string) =>
  getDb().connector.findUnique({ where: { baseUrl_orgId: { baseUrl, orgId } }, select: { id: true, name: true } });

/** The encrypted key with what is needed to call the API: for the sync worker only. */
export const findConnectorSecret = (id: string) =>
  getDb().connector.findUnique({ where: { id }, select: { ...CONNECTOR_SELECT, apiKeyCiphertext: true } });

export const listSyncableConnectorIds = async (): Promise<string[]> =>
  (await getDb().connector.findMany({ where: { status: { notIn: ["disabled", "error"] } }, select: { id: true } })).map((c) => c.id);

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

export const updateConnector = async (id: string, patch: ConnectorPatch): Promise<void> => {
  const { rateLimitedIncrement, ...rest } = patch;
  await getDb().connector.update({
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
export const deleteConnectorCounting = async (id: string): Promise<ConnectorDeletion | null> => {
  const [row] = await getDb().$queryRaw<{ deleted: bigint; activities: bigint; alerts: bigint; governance: bigint }[]>`
    WITH gone AS (DELETE FROM connectors WHERE id = ${id}::uuid RETURNING id)
    SELECT (SELECT count(*) FROM gone) AS deleted,
           (SELECT count(*) FROM activities WHERE connector_id = ${id}::uuid) AS activities,
           (SELECT count(*) FROM alerts WHERE connector_id = ${id}::uuid) AS alerts,
           (SELECT count(*) FROM governance_actions WHERE connector_id = ${id}::uuid) AS governance`;
  if (!row || row.deleted === 0n) return null;
  return { activities: Number(row.activities), alerts: Number(row.alerts), governanceActions: Number(row.governance) };
};

/**
 * Claims the sync lease when free, expired, or held by a worker that is gone (its presence key no longer
 * locked); false when another living worker holds it. `claimant` is the caller's presence key, if it has one.
 */
export const claimSyncLease = async (id: string, owner: string, leaseMs: number, claimant: number | null = null): Promise<boolean> => {
  const { rowCount } = await getPgPool().query(
    `UPDATE connectors SET sync_lease_owner = $2, sync_lease_until = clock_timestamp() + ($3::int * interval '1 millisecond'), sync_lease_claimed_by = $4
     WHERE id = $1::uuid AND (sync_lease_owner IS NULL OR sync_lease_owner = $2 OR sync_lease_until < clock_timestamp()
       OR (sync_lease_claimed_by IS NOT NULL AND sync_lease_claimed_by NOT IN (${LIVE_KEYS_SQL})))`,
    [id, owner, leaseMs, claimant],
  );
  return rowCount === 1;
};

export const releaseSyncLease = async (id: string, owner: string): Promise<void> => {
  await getDb().$executeRaw`UPDATE connectors SET sync_lease_owner = NULL, sync_lease_until = NULL, sync_lease_claimed_by = NULL WHERE id = ${id}::uuid AND sync_lease_owner = ${owner}`;
};

/**
 * Back to the live interval for every connector: a starting worker cannot know what arrived while no worker
 * ran, so quiet backoff must not delay its first poll.
 */
export const resetPollIntervals = async (intervalMs: number): Promise<void> => {
  await getPgPool().query("UPDATE connectors SET poll_interval_ms = $1 WHERE poll_interval_ms > $1", [intervalMs]);
};

/** Every sync lease `owner` holds (a stopping worker): its connectors are free for the next pass at once. */
export const releaseSyncLeasesOf = async (owner: string): Promise<void> => {
  await getDb().$executeRaw`UPDATE connectors SET sync_lease_owner = NULL, sync_lease_until = NULL, sync_lease_claimed_by = NULL WHERE sync_lease_owner = ${owner}`;
};

export const appendConnectorEvent = async (entry: Readonly<{ connectorId: string; kind: string; status?: ConnectorStatus; detail?: string; actorEmail?: string }>) => {
  await getDb().connectorEvent.create({ data: entry, select: { id: true } });
};

export const listConnectorEvents = (connectorId: string, limit = 50) =>
  getDb().connectorEvent.findMany({ where: { connectorId }, orderBy: { id: "desc" }, take: limit });

/**
 * Connectors a worker should sync now: enabled, not backing off, behind or due for a poll, and not leased. A
 * caught-up connector is due `poll_interval_ms` after its last poll, never sooner than `minPollSeconds`.
 */
export const findDueConnectorIds = async (minPollSeconds: number): Promise<string[]> => {
  const { rows } = await getPgPool().query<{ id: string }>(
    `SELECT id::text FROM connectors
     WHERE status NOT IN ('disabled', 'error')
       AND (next_retry_at IS NULL OR next_retry_at <= clock_timestamp())
       AND (NOT is_caught_up OR last_sync_at IS NULL
         OR last_sync_at < clock_timestamp() - greatest($1::float8 * 1000, poll_interval_ms) * interval '1 millisecond')
       AND (sync_lease_until IS NULL OR sync_lease_until < clock_timestamp()
         OR (sync_lease_claimed_by IS NOT NULL AND sync_lease_claimed_by NOT IN (${LIVE_KEYS_SQL})))`,
    [minPollSeconds],
  );
  return rows.map((r) => r.id);
};

/** Connector names by id (a handful of rows). */
export const findConnectorNames = async (): Promise<Map<string, string>> =>
  new Map((await getPgPool().query<{ id: string; name: string }>("SELECT id::text AS id, name FROM connectors")).rows.map((r) => [r.id, r.name]));
