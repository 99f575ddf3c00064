import { sql } from "kysely";
import type { TSessionNotice } from "../../detection/session-alerts";
import type { TSessionPolicy } from "../../shared/schemas/session-policies";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";
import { SESSION_POLICY_COLUMNS, toSessionPolicy } from "./session-policy-repository";

// Session-policy alerts and user notices (issue 22) inside the detection transaction: the reads and writes that must
// commit with the detection cursor's move, so that a crash or a restart loses or repeats none of them. An aggregate
// over activities (the proxy's session fields), session_policies, alerts and governance_actions, like
// alert-lookup-repository: one consumer's statements in one place. On the pg pool with the rest of detection.

/** A matched request's session fields, beside what detection already read of the activity. */
export type TSessionMatchRow = Readonly<{ seq: bigint; outcome: string; policyIds: string[]; siteName: string | null; raw: unknown }>;

/** Alerts already raised per policy key and UTC day (YYYY-MM-DD). */
export type TDayCount = Readonly<{ policyKey: string; day: string; count: number }>;

export type TSuppressedWrite = Readonly<{ policyKey: string; day: string; maxPerDay: number; count: number }>;

/** A notice as queued: the connector is the transaction's. */
export type TNoticeWrite = Omit<TSessionNotice, "connectorId">;

const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The session fields of a connector's activities by seq (primary-key lookups: the few that a policy matched). */
const readMatches = async (trx: Sql, connectorId: string, seqs: readonly bigint[]): Promise<TSessionMatchRow[]> => {
  if (seqs.length === 0) return [];
  const rows = await trx
    .selectFrom("activities")
    .select(["seq", "session_outcome", "session_policy_ids", "site_name", "raw"])
    .where("connector_id", "=", connectorId)
    .where("seq", "=", sql<string>`ANY(${seqs.map(String)}::bigint[])`)
    .where("session_outcome", "is not", null)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ seq: BigInt(r.seq), outcome: r.session_outcome ?? "", policyIds: r.session_policy_ids, siteName: r.site_name, raw: r.raw }));
};

/** Policies by id, enabled or not (a request matched while it was enabled); deleted ones and unreadable rows are absent. */
const findPolicies = async (trx: Sql, ids: readonly string[]): Promise<TSessionPolicy[]> => {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom("session_policies").select(SESSION_POLICY_COLUMNS).where("id", "=", sql<string>`ANY(${[...ids]}::uuid[])`).execute();
  return rows.flatMap((row) => toSessionPolicy(row) ?? []);
};

/**
 * Locks each (policy key, day) for the rest of the transaction, then counts its alerts. Two connectors' passes raise
 * alerts of one policy concurrently (each holds only its own cursor); the lock makes the second count after the first
 * committed, so maxPerDay holds across them. Keys are locked in sorted order: two passes never wait on each other
 * in a cycle. Advisory locks: no row stands for a (policy, day) to lock instead.
 */
const lockAndCountAlerts = async (trx: Sql, keys: readonly { policyKey: string; day: string }[]): Promise<TDayCount[]> => {
  if (keys.length === 0) return [];
  const lockKeys = [...new Set(keys.map((k) => `session-alert-cap:${k.policyKey}:${k.day}`))].sort();
  // unnest yields the array's order, so the locks are taken in the sorted order.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${lockKeys}::text[]) AS t(k)`.execute(trx);
  const days = keys.map((k) => k.day).sort();
  const from = dayStart(days[0] ?? "1970-01-01");
  const to = new Date(dayStart(days[days.length - 1] ?? "1970-01-01").getTime() + DAY_MS);
  const rows = await trx
    .selectFrom("alerts")
    .select(["policy_key", sql<string>`to_char(${sql.ref("first_activity_at")} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as("day"), (eb) => eb.fn.countAll<string>().as("n")])
    .where("policy_key", "=", sql<string>`ANY(${[...new Set(keys.map((k) => k.policyKey))]}::text[])`)
    .where("first_activity_at", ">=", from)
    .where("first_activity_at", "<", to)
    .groupBy(["policy_key", "day"])
    .execute();
  return rows.map((r) => ({ policyKey: r.policy_key, day: r.day, count: Number(r.n) }));
};

/**
 * Adds the day's suppressed matches to the policy's last alert of that day (details.dailyCap), so the alert page says
 * that the cap was hit and by how much. Returns the new totals (for a log line the first time a cap is hit).
 */
const recordSuppressed = async (trx: Sql, entries: readonly TSuppressedWrite[]): Promise<{ policyKey: string; day: string; total: number }[]> => {
  const totals: { policyKey: string; day: string; total: number }[] = [];
  for (const e of entries) {
    const from = dayStart(e.day);
    const last = trx
      .selectFrom("alerts")
      .select("id")
      .where("policy_key", "=", e.policyKey)
      .where("first_activity_at", ">=", from)
      .where("first_activity_at", "<", new Date(from.getTime() + DAY_MS))
      .orderBy("first_activity_at", "desc")
      .orderBy("created_at", "desc")
      .limit(1);
    // jsonb_set over the stored evidence: the builder has no JSON-path update.
    const row = await trx
      .updateTable("alerts")
      .set({
        details: sql`jsonb_set(${sql.ref("details")}, '{dailyCap}', jsonb_build_object('day', ${e.day}::text, 'maxPerDay', ${e.maxPerDay}::int,
          'suppressed', COALESCE((${sql.ref("details")} #>> '{dailyCap,suppressed}')::int, 0) + ${e.count}::int))`,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .where("id", "=", (eb) => eb.selectFrom(last.as("l")).select("l.id"))
      .returning(sql<string>`details #>> '{dailyCap,suppressed}'`.as("total"))
      .executeTakeFirst();
    totals.push({ policyKey: e.policyKey, day: e.day, total: row ? Number(row.total) : e.count });
  }
  return totals;
};

/** The (policy key, account) pairs of this connector that got a session-policy notice within the last hour. */
const recentNotices = async (trx: Sql, connectorId: string, pairs: readonly { policyKey: string; accountId: string }[]) => {
  if (pairs.length === 0) return [];
  return trx
    .selectFrom("governance_actions")
    .select(["triggered_by_policy_key as policyKey", "account_id as accountId"])
    .distinct()
    .where("connector_id", "=", connectorId)
    .where("account_id", "=", sql<string>`ANY(${[...new Set(pairs.map((p) => p.accountId))]}::text[])`)
    .where("action", "=", "notify_user")
    .where("triggered_by_policy_key", "=", sql<string>`ANY(${[...new Set(pairs.map((p) => p.policyKey))]}::text[])`)
    .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
    .execute();
};

const NOTICE_TYPES = {
  policy_key: "text",
  policy_name: "text",
  account_id: "text",
  email: "text",
  name: "text",
  reason: "text",
  dedupe_key: "text",
} as const;

/**
 * Queues notify_user governance actions (the govern loop emails them), one per (policy, request): the dedupe key
 * makes a replayed batch harmless. Returns how many were new.
 */
const queueNotices = async (trx: Sql, connectorId: string, notices: readonly TNoticeWrite[]): Promise<number> => {
  if (notices.length === 0) return 0;
  const r = jsonRecordset(
    "r",
    NOTICE_TYPES,
    notices.map((n) => ({
      policy_key: n.policyKey,
      policy_name: n.policyName,
      account_id: n.accountId,
      email: n.email,
      name: n.name,
      reason: n.reason,
      dedupe_key: `${n.policyKey}:notice:${connectorId}:${n.eventId}`,
    })),
  );
  const now = sql<Date>`clock_timestamp()`;
  const result = await trx
    .insertInto("governance_actions")
    .columns(["id", "action", "connector_id", "account_id", "user_email", "user_name", "alert_id", "reason", "triggered_by_kind",
      "triggered_by_policy_key", "triggered_by_policy_name", "dedupe_key", "created_at", "updated_at", "next_attempt_at"])
    .expression((eb) =>
      eb
        .selectFrom(r)
        .select([
          sql<string>`gen_random_uuid()`.as("id"),
          sql<"notify_user">`'notify_user'::"GovernanceActionKind"`.as("action"),
          sql<string>`${connectorId}::uuid`.as("connector_id"),
          "r.account_id", "r.email", "r.name", sql<string | null>`NULL::uuid`.as("alert_id"), "r.reason", sql<string>`'policy'`.as("triggered_by_kind"),
          "r.policy_key", "r.policy_name", "r.dedupe_key", now.as("created_at"), now.as("updated_at"), now.as("next_attempt_at"),
        ]),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};

/** The session-policy work a detection pass may do while it holds its cursor row (consumer-cursor-repository). */
export type TSessionAlertTx = Readonly<{
  readMatches: (seqs: readonly bigint[]) => Promise<TSessionMatchRow[]>;
  findPolicies: (ids: readonly string[]) => Promise<TSessionPolicy[]>;
  lockAndCountAlerts: (keys: readonly { policyKey: string; day: string }[]) => Promise<TDayCount[]>;
  recordSuppressed: (entries: readonly TSuppressedWrite[]) => Promise<{ policyKey: string; day: string; total: number }[]>;
  recentNotices: (pairs: readonly { policyKey: string; accountId: string }[]) => Promise<{ policyKey: string | null; accountId: string }[]>;
  queueNotices: (notices: readonly TNoticeWrite[]) => Promise<number>;
}>;

export const sessionAlertTx = (connectorId: string, trx: Sql = getSql()): TSessionAlertTx => ({
  readMatches: (seqs) => readMatches(trx, connectorId, seqs),
  findPolicies: (ids) => findPolicies(trx, ids),
  lockAndCountAlerts: (keys) => lockAndCountAlerts(trx, keys),
  recordSuppressed: (entries) => recordSuppressed(trx, entries),
  recentNotices: (pairs) => recentNotices(trx, connectorId, pairs),
  queueNotices: (notices) => queueNotices(trx, connectorId, notices),
});
