import type { PoolClient } from "pg";
import { BUILTIN_POLICIES } from "../../detection/builtin-policies";
import type { TRuntimePolicy } from "../../detection/policy-config";
import type { TDetectionActivity } from "../../detection/types";
import { ZCustomPolicyFilter, ZCustomPolicyTrigger, ZPolicyScope, type TBuiltinPolicyKey } from "../../shared/schemas/policies";
import { getPgPool, inPgTransaction } from "../db";
import { upsertAlertsInTransaction, type TAlertWrite } from "./alert-repository";

export type { TAlertWrite } from "./alert-repository";

// The detection pipeline reads and writes through plain pg: it runs for every stored activity, and
// Prisma's per-row mapping would cost more than the detectors themselves (docs/benchmarks.md).

// seq is read as text (exact bigint); queries order by activities.seq, never by this text alias.
// Times come as epoch ms (float8): node-postgres parses timestamptz text far more slowly than a number.
const ACTIVITY_COLUMNS = `seq::text AS seq, connector_id::text AS connector_id, event_id, (extract(epoch FROM event_time) * 1000)::float8 AS event_time,
  (extract(epoch FROM stored_at) * 1000)::float8 AS stored_at, action, action_group, product, actor_id, actor_name,
  actor_email, on_behalf_of_id, auth_type, is_system, is_admin_action, is_impersonation, host(ip) AS ip, country, country_code, city, lat, lon,
  ip_category, ip_tags, target_name, search_text`;

type ActivityRow = {
  seq: string;
  connector_id: string;
  event_id: string;
  event_time: number;
  stored_at: number;
  action: string;
  action_group: string | null;
  product: string;
  actor_id: string;
  actor_name: string | null;
  actor_email: string | null;
  on_behalf_of_id: string | null;
  auth_type: string | null;
  is_system: boolean;
  is_admin_action: boolean;
  is_impersonation: boolean;
  ip: string | null;
  country: string | null;
  country_code: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  ip_category: string | null;
  ip_tags: string[] | null;
  target_name: string | null;
  search_text: string;
};

const toActivity = (r: ActivityRow): TDetectionActivity => ({
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
});

/** Activities of every connector with event_time in [from, to), in event-time order, keyset-paginated (preview). */
export const scanActivitiesByEventTime = async (options: Readonly<{ from: Date; to: Date; after?: { time: Date; seq: bigint }; limit: number }>) => {
  const { from, to, after, limit } = options;
  const result = await getPgPool().query<ActivityRow>(
    `SELECT ${ACTIVITY_COLUMNS} FROM activities
     WHERE event_time >= $1 AND event_time < $2 AND ($3::timestamptz IS NULL OR (activities.event_time, activities.seq) > ($3::timestamptz, $4::bigint))
     ORDER BY activities.event_time, activities.seq LIMIT $5`,
    [from, to, after?.time ?? null, after?.seq.toString() ?? "0", limit],
  );
  return result.rows.map(toActivity);
};

type PolicyRow = {
  id: string;
  builtin_key: string | null;
  name: string;
  enabled: boolean;
  sensitivity: TRuntimePolicy["sensitivity"];
  severity: TRuntimePolicy["severity"];
  scope: unknown;
  filter: unknown;
  trigger: unknown;
  created_at: Date;
};

const toPolicy = (r: PolicyRow): TRuntimePolicy | null => {
  const scope = ZPolicyScope.safeParse(r.scope ?? {});
  const filter = r.filter === null ? null : ZCustomPolicyFilter.safeParse(r.filter);
  const trigger = r.trigger === null ? null : ZCustomPolicyTrigger.safeParse(r.trigger);
  // A custom row whose filter or trigger no longer parses is skipped rather than stopping detection.
  if (!scope.success || (filter && !filter.success) || (trigger && !trigger.success)) return null;
  if (r.builtin_key === null && (!filter || !trigger)) return null;
  return {
    id: r.id,
    key: r.builtin_key ?? `custom:${r.id}`,
    builtinKey: r.builtin_key as TBuiltinPolicyKey | null,
    name: r.name,
    enabled: r.enabled,
    sensitivity: r.sensitivity,
    severity: r.severity,
    scope: scope.data,
    filter: filter?.success ? filter.data : null,
    trigger: trigger?.success ? trigger.data : null,
    createdAt: r.created_at,
  };
};

/** Every detection policy (built-in and custom), enabled or not, as the engine runs them. */
export const listRuntimePolicies = async (): Promise<TRuntimePolicy[]> => {
  const { rows } = await getPgPool().query<PolicyRow>(
    "SELECT id, builtin_key, name, enabled, sensitivity::text AS sensitivity, severity::text AS severity, scope, filter, trigger, created_at FROM detection_policies ORDER BY created_at, id",
  );
  return rows.map(toPolicy).filter((p): p is TRuntimePolicy => p !== null);
};

/** Inserts the built-in policy rows that are missing; never changes existing ones (admins may have tuned them). */
export const insertMissingBuiltinPolicies = async (): Promise<number> => {
  const rows = BUILTIN_POLICIES.map((p) => ({ builtin_key: p.key, name: p.name, description: p.description, severity: p.defaultSeverity }));
  const result = await getPgPool().query(
    `INSERT INTO detection_policies (id, builtin_key, name, description, severity, scope, updated_at)
     SELECT gen_random_uuid(), r.builtin_key, r.name, r.description, r.severity::"Severity",
       '{"includeUsers":[],"excludeUsers":[],"includeGroups":[],"excludeGroups":[]}'::jsonb, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(builtin_key text, name text, description text, severity text)
     WHERE NOT EXISTS (SELECT 1 FROM detection_policies p WHERE p.builtin_key = r.builtin_key)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
};

/** Organization admins per connector (from the synced directory), for scope groups and the adminActor filter. */
export const listOrgAdmins = async (connectorIds?: readonly string[]): Promise<{ connectorId: string; accountId: string }[]> => {
  const { rows } = await getPgPool().query<{ connector_id: string; account_id: string }>(
    "SELECT connector_id, account_id FROM atlassian_users WHERE is_admin AND ($1::uuid[] IS NULL OR connector_id = ANY($1::uuid[]))",
    [connectorIds ? [...connectorIds] : null],
  );
  return rows.map((r) => ({ connectorId: r.connector_id, accountId: r.account_id }));
};

/**
 * Group memberships as the org audit log tells them: the latest user_added_to_group /
 * user_removed_from_group per user and group (the Admin API offers no group listing to sync).
 * Memberships older than the stored history are unknown.
 */
export const listGroupMemberships = async (connectorIds?: readonly string[]): Promise<{ connectorId: string; accountId: string; groupId: string | null; groupName: string | null }[]> => {
  const { rows } = await getPgPool().query<{ connector_id: string; account_id: string; group_id: string | null; group_name: string | null }>(
    `SELECT connector_id, account_id, group_id, group_name FROM (
       SELECT DISTINCT ON (a.connector_id, u->>'id', coalesce(g->>'id', g->>'name'))
         a.connector_id, u->>'id' AS account_id, g->>'id' AS group_id, g->>'name' AS group_name, a.action
       FROM activities a
       CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.targets, '[]'::jsonb)) g
       CROSS JOIN LATERAL jsonb_array_elements(coalesce(a.targets, '[]'::jsonb)) u
       WHERE a.action IN ('user_added_to_group', 'user_removed_from_group')
         AND g->>'type' = 'groups' AND u->>'type' = 'users' AND u->>'id' IS NOT NULL
         AND ($1::uuid[] IS NULL OR a.connector_id = ANY($1::uuid[]))
       ORDER BY a.connector_id, u->>'id', coalesce(g->>'id', g->>'name'), a.event_time DESC, a.seq DESC
     ) latest WHERE action = 'user_added_to_group'`,
    [connectorIds ? [...connectorIds] : null],
  );
  return rows.map((r) => ({ connectorId: r.connector_id, accountId: r.account_id, groupId: r.group_id, groupName: r.group_name }));
};

export const listConnectorIds = async (): Promise<string[]> =>
  (await getPgPool().query<{ id: string }>("SELECT id FROM connectors ORDER BY created_at")).rows.map((r) => r.id);

/** Connectors with activities the detection cursor has not reached yet. */
export const listConnectorsWithPendingActivities = async (): Promise<string[]> => {
  const { rows } = await getPgPool().query<{ id: string }>(
    `SELECT c.id FROM connectors c
     LEFT JOIN activity_consumer_cursors cur ON cur.consumer = 'detection' AND cur.connector_id = c.id
     WHERE EXISTS (SELECT 1 FROM activities a WHERE a.connector_id = c.id AND a.seq > COALESCE(cur.last_seq, 0))`,
  );
  return rows.map((r) => r.id);
};

const READ_AFTER_SQL = `SELECT ${ACTIVITY_COLUMNS} FROM activities WHERE connector_id = $1 AND activities.seq > $2 ORDER BY activities.seq LIMIT $3`;

/**
 * A connector's activities after a seq, in seq order, without the cursor lock: stored activities never
 * change, so the detection pass reads the next batch while it processes the current one.
 */
export const readActivitiesAfter = async (connectorId: string, afterSeq: bigint, limit: number): Promise<TDetectionActivity[]> =>
  (await getPgPool().query<ActivityRow>(READ_AFTER_SQL, [connectorId, afterSeq.toString(), limit])).rows.map(toActivity);

export type TDetectionTx = Readonly<{
  lastSeq: bigint;
  readActivities: (afterSeq: bigint, limit: number) => Promise<TDetectionActivity[]>;
  loadProfiles: (actorIds: readonly string[]) => Promise<Map<string, unknown>>;
  saveProfiles: (profiles: ReadonlyMap<string, unknown>) => Promise<void>;
  upsertAlerts: (alerts: readonly TAlertWrite[]) => Promise<number>;
  saveCursor: (lastSeq: bigint) => Promise<void>;
}>;

const tx = (client: PoolClient, consumer: string, connectorId: string, lastSeq: bigint): TDetectionTx => ({
  lastSeq,
  readActivities: async (afterSeq, limit) => {
    const { rows } = await client.query<ActivityRow>(READ_AFTER_SQL, [connectorId, afterSeq.toString(), limit]);
    return rows.map(toActivity);
  },
  loadProfiles: async (actorIds) => {
    if (actorIds.length === 0) return new Map();
    const { rows } = await client.query<{ actor_id: string; state: unknown }>(
      "SELECT actor_id, state FROM detection_profiles WHERE connector_id = $1 AND actor_id = ANY($2::text[])",
      [connectorId, [...actorIds]],
    );
    return new Map(rows.map((r) => [r.actor_id, r.state]));
  },
  saveProfiles: async (profiles) => {
    if (profiles.size === 0) return;
    const rows = [...profiles].map(([actor_id, state]) => ({ actor_id, state }));
    await client.query(
      `INSERT INTO detection_profiles (connector_id, actor_id, state, updated_at)
       SELECT $1::uuid, r.actor_id, r.state, now() FROM jsonb_to_recordset($2::jsonb) AS r(actor_id text, state jsonb)
       ON CONFLICT (connector_id, actor_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [connectorId, JSON.stringify(rows)],
    );
  },
  upsertAlerts: (alerts) => upsertAlertsInTransaction(client, connectorId, alerts),
  saveCursor: async (seq) => {
    await client.query("UPDATE activity_consumer_cursors SET last_seq = $3, updated_at = now() WHERE consumer = $1 AND connector_id = $2", [
      consumer,
      connectorId,
      seq.toString(),
    ]);
  },
});

/**
 * Runs `work` in one transaction holding the consumer's cursor row of this connector (FOR UPDATE SKIP
 * LOCKED): a second worker gets null at once instead of processing the same activities twice.
 */
export const withDetectionCursor = async <T>(consumer: string, connectorId: string, work: (t: TDetectionTx) => Promise<T>): Promise<T | null> => {
  // Outside the transaction, so the row exists for FOR UPDATE below even on a connector's first pass.
  await getPgPool().query(
    "INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at) VALUES ($1, $2, 0, now()) ON CONFLICT DO NOTHING",
    [consumer, connectorId],
  );
  return inPgTransaction(async (client) => {
    const locked = await client.query<{ last_seq: string }>(
      "SELECT last_seq::text AS last_seq FROM activity_consumer_cursors WHERE consumer = $1 AND connector_id = $2 FOR UPDATE SKIP LOCKED",
      [consumer, connectorId],
    );
    const row = locked.rows[0];
    return row ? work(tx(client, consumer, connectorId, BigInt(row.last_seq))) : null;
  });
};
