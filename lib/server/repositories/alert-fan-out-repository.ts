import { sql } from "kysely";
import type { GovernanceActionKind } from "../../generated/kysely/types";
import { getSql, type Sql } from "../db";

/**
 * Alerts about history older than this are not fanned out (no notification, no automatic action): a
 * 180-day backfill must not page anyone or suspend users for last spring's travel.
 */
export const FAN_OUT_MAX_AGE_HOURS = 24;

export type FanOutResult = Readonly<{ alerts: number; actions: number; deliveries: number }>;

/** The policy actions that run on their own when an alert is raised (unsuspend is only ever a person's or a revert's). */
const AUTOMATIC_ACTIONS: readonly GovernanceActionKind[] = ["notify_user", "require_sign_in", "suspend_user"];

const now = sql<Date>`clock_timestamp()`;

/** Policy actions of each new alert, once per (alert, action): the dedupe key makes a replay harmless. */
const insertPolicyActions = async (trx: Sql, alertIds: readonly string[]): Promise<number> => {
  const result = await trx
    .insertInto("governance_actions")
    .columns(["id", "action", "connector_id", "account_id", "user_email", "user_name", "alert_id", "reason", "triggered_by_kind",
      "triggered_by_policy_key", "triggered_by_policy_name", "dedupe_key", "created_at", "updated_at", "next_attempt_at"])
    .expression((eb) =>
      eb
        .selectFrom("alerts as a")
        .innerJoin("detection_policies as p", "p.id", "a.policy_id")
        // One row per action of the policy: a set-returning function (fragment).
        .innerJoinLateral(sql<{ kind: string }>`unnest(${sql.ref("p.actions")})`.as<"act">(sql`act(kind)`), (join) => join.onTrue())
        .select([
          sql<string>`gen_random_uuid()`.as("id"),
          sql<GovernanceActionKind>`${sql.ref("act.kind")}::"GovernanceActionKind"`.as("action"),
          "a.connector_id",
          sql<string>`${sql.ref("a.user_account_id")}`.as("account_id"),
          "a.user_email",
          "a.user_name",
          "a.id",
          sql<string>`'Policy "' || ${sql.ref("a.policy_name")} || '" raised: ' || ${sql.ref("a.title")}`.as("reason"),
          sql<string>`'policy'`.as("triggered_by_kind"),
          "a.policy_key",
          "a.policy_name",
          sql<string>`'policy:' || ${sql.ref("a.id")} || ':' || ${sql.ref("act.kind")}`.as("dedupe_key"),
          now.as("created_at"),
          now.as("updated_at"),
          now.as("next_attempt_at"),
        ])
        .where("a.id", "=", sql<string>`ANY(${[...alertIds]}::uuid[])`)
        .where("a.user_account_id", "is not", null)
        .where("act.kind", "in", [...AUTOMATIC_ACTIONS]),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};

/** One delivery per (alert, routed channel); severities compare in enum order (low < medium < high). */
const insertAlertDeliveries = async (trx: Sql, alertIds: readonly string[]): Promise<number> => {
  const result = await trx
    .insertInto("notification_deliveries")
    .columns(["id", "channel_id", "kind", "alert_id", "message", "dedupe_key", "created_at", "next_attempt_at"])
    .expression((eb) =>
      eb
        .selectFrom("alerts as a")
        .innerJoin("notification_channels as c", (join) =>
          join
            .on("c.enabled", "=", true)
            .onRef("a.severity", ">=", "c.min_severity")
            .on((on) => on.or([on(on.fn("cardinality", ["c.policy_keys"]), "=", 0), on("a.policy_key", "=", sql<string>`ANY(${sql.ref("c.policy_keys")})`)])),
        )
        .select([
          sql<string>`gen_random_uuid()`.as("id"),
          "c.id as channel_id",
          sql<string>`'alert'`.as("kind"),
          "a.id as alert_id",
          // A channel with one message per incident: which incident, and whether its thread already started (an earlier
          // alert of the incident): later alerts reply to or update it (delivery-content.ts).
          sql<unknown>`jsonb_build_object('subject', '[' || upper(${sql.ref("a.severity")}::text) || '] ' || ${sql.ref("a.title")})
            || CASE WHEN ${sql.ref("c.message_per")} = 'incident' AND ${sql.ref("a.incident_id")} IS NOT NULL THEN jsonb_build_object('incident',
                 jsonb_build_object('id', ${sql.ref("a.incident_id")}, 'update', EXISTS (SELECT 1 FROM alerts o WHERE o.incident_id = ${sql.ref("a.incident_id")}
                   AND (o.created_at, o.id) < (${sql.ref("a.created_at")}, ${sql.ref("a.id")}))))
               ELSE '{}'::jsonb END`.as("message"),
          sql<string>`'alert:' || ${sql.ref("a.id")} || ':' || ${sql.ref("c.id")}`.as("dedupe_key"),
          now.as("created_at"),
          now.as("next_attempt_at"),
        ])
        .where("a.id", "=", sql<string>`ANY(${[...alertIds]}::uuid[])`),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};

/**
 * Queues the policy actions and notifications of alerts not yet fanned out, in one transaction per batch
 * (SKIP LOCKED: workers share the work). Alerts about old history are only marked. On the pg pool with the rest
 * of the detection loop.
 */
export const fanOutPendingAlerts = (limit = 200, db: Sql = getSql()): Promise<FanOutResult> =>
  db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("alerts")
      .select(["id", sql<boolean>`${sql.ref("last_activity_at")} > now() - make_interval(hours => ${FAN_OUT_MAX_AGE_HOURS})`.as("recent")])
      .where("fanned_out_at", "is", null)
      .orderBy("created_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return { alerts: 0, actions: 0, deliveries: 0 };
    const recent = rows.filter((r) => r.recent).map((r) => r.id);
    const actions = recent.length ? await insertPolicyActions(trx, recent) : 0;
    const deliveries = recent.length ? await insertAlertDeliveries(trx, recent) : 0;
    await trx
      .updateTable("alerts")
      .set({ fanned_out_at: now })
      .where("id", "=", sql<string>`ANY(${rows.map((r) => r.id)}::uuid[])`)
      .execute();
    return { alerts: rows.length, actions, deliveries };
  });
