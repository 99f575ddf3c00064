import { inPgTransaction } from "../db";

/**
 * Alerts about history older than this are not fanned out (no notification, no automatic action): a
 * 180-day backfill must not page anyone or suspend users for last spring's travel.
 */
export const FAN_OUT_MAX_AGE_HOURS = 24;

export type FanOutResult = Readonly<{ alerts: number; actions: number; deliveries: number }>;

// Policy actions of each new alert, once per (alert, action): the dedupe key makes a replay harmless.
const INSERT_POLICY_ACTIONS_SQL = `
  INSERT INTO governance_actions (id, action, connector_id, account_id, user_email, user_name, alert_id, reason, triggered_by_kind,
    triggered_by_policy_key, triggered_by_policy_name, dedupe_key, created_at, updated_at, next_attempt_at)
  SELECT gen_random_uuid(), act::"GovernanceActionKind", a.connector_id, a.user_account_id, a.user_email, a.user_name, a.id,
    'Policy "' || a.policy_name || '" raised: ' || a.title, 'policy', a.policy_key, a.policy_name, 'policy:' || a.id || ':' || act,
    clock_timestamp(), clock_timestamp(), clock_timestamp()
  FROM alerts a JOIN detection_policies p ON p.id = a.policy_id, unnest(p.actions) AS act
  WHERE a.id = ANY($1::uuid[]) AND a.user_account_id IS NOT NULL AND act IN ('notify_user', 'require_sign_in', 'suspend_user')
  ON CONFLICT (dedupe_key) DO NOTHING`;

// One delivery per (alert, routed channel); severities compare in enum order (low < medium < high).
const INSERT_ALERT_DELIVERIES_SQL = `
  INSERT INTO notification_deliveries (id, channel_id, kind, alert_id, message, dedupe_key, created_at, next_attempt_at)
  SELECT gen_random_uuid(), c.id, 'alert', a.id, jsonb_build_object('subject', '[' || upper(a.severity::text) || '] ' || a.title),
    'alert:' || a.id || ':' || c.id, clock_timestamp(), clock_timestamp()
  FROM alerts a JOIN notification_channels c ON c.enabled AND a.severity >= c.min_severity
    AND (cardinality(c.policy_keys) = 0 OR a.policy_key = ANY(c.policy_keys))
  WHERE a.id = ANY($1::uuid[])
  ON CONFLICT (dedupe_key) DO NOTHING`;

/**
 * Queues the policy actions and notifications of alerts not yet fanned out, in one transaction per batch
 * (SKIP LOCKED: workers share the work). Alerts about old history are only marked.
 */
export const fanOutPendingAlerts = (limit = 200): Promise<FanOutResult> =>
  inPgTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; recent: boolean }>(
      `SELECT id::text, last_activity_at > now() - make_interval(hours => $2) AS recent FROM alerts
       WHERE fanned_out_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, FAN_OUT_MAX_AGE_HOURS],
    );
    if (rows.length === 0) return { alerts: 0, actions: 0, deliveries: 0 };
    const recent = rows.filter((r) => r.recent).map((r) => r.id);
    const actions = recent.length ? ((await client.query(INSERT_POLICY_ACTIONS_SQL, [recent])).rowCount ?? 0) : 0;
    const deliveries = recent.length ? ((await client.query(INSERT_ALERT_DELIVERIES_SQL, [recent])).rowCount ?? 0) : 0;
    await client.query("UPDATE alerts SET fanned_out_at = clock_timestamp() WHERE id = ANY($1::uuid[])", [rows.map((r) => r.id)]);
    return { alerts: rows.length, actions, deliveries };
  });
