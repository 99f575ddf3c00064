import { sql } from "kysely";
import type { TPriority } from "../../detection/priority/score";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

// user_priorities: each Atlassian account's investigation priority (lib/detection/priority), and what the worker
// reads to compute it. Reads are bounded by connector, account ids and event time (indexes on alerts
// (connector_id, user_account_id), activities (actor_id, event_time), user_locations_seen's primary key).

/** The connection priority work runs on (a transaction holding the priority cursor, withPriorityCursors). */
export type TPriorityDb = Sql;

export type TPriorityAlertRow = Readonly<{
  accountId: string;
  id: string;
  policyKey: string;
  policyName: string;
  title: string;
  severity: "low" | "medium" | "high";
  classification: string | null;
  at: Date;
}>;

export type TUnusualActivityRow = Readonly<{
  accountId: string;
  seq: string;
  at: Date;
  action: string;
  ip: string | null;
  countryCode: string | null;
  ipCategory: string | null;
  ipTags: string[];
}>;

export type TNewCountryRow = Readonly<{ accountId: string; seq: string; at: Date; ip: string | null; countryCode: string }>;

/** Alerts of these accounts whose last activity is in [since, until]. */
export const listPriorityAlerts = (connectorId: string, accountIds: readonly string[], since: Date, until: Date, db: Sql = getSql()): Promise<TPriorityAlertRow[]> =>
  db
    .selectFrom("alerts")
    .select(["user_account_id as accountId", "id", "policy_key as policyKey", "policy_name as policyName", "title", "severity", "classification", "last_activity_at as at"])
    .where("connector_id", "=", connectorId)
    .where("user_account_id", "=", sql<string>`ANY(${[...accountIds]}::text[])`)
    .where("last_activity_at", ">=", since)
    .where("last_activity_at", "<=", until)
    .execute() as Promise<TPriorityAlertRow[]>;

/** Alerts per policy in the connector created in [since, until] (a policy's rarity). */
export const countAlertsByPolicy = async (connectorId: string, since: Date, until: Date, db: Sql = getSql()): Promise<Record<string, number>> => {
  const rows = await db
    .selectFrom("alerts")
    .select((eb) => ["policy_key as policyKey", eb.fn.countAll<string>().as("n")])
    .where("connector_id", "=", connectorId)
    .where("created_at", ">=", since)
    .where("created_at", "<=", until)
    .groupBy("policy_key")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.policyKey, Number(r.n)]));
};

/**
 * Non-system activities of these accounts in [since, until] that enrichment marks (threat tags, a risky range) or
 * that are failed sign-ins, and that no alert holds: an alert already counts them.
 */
export const listUnusualActivities = (connectorId: string, accountIds: readonly string[], since: Date, until: Date, db: Sql = getSql()): Promise<TUnusualActivityRow[]> =>
  db
    .selectFrom("activities as a")
    .select(["a.actor_id as accountId", sql<string>`a.seq::text`.as("seq"), "a.event_time as at", "a.action", sql<string | null>`host(a.ip)`.as("ip"), "a.country_code as countryCode", "a.ip_category as ipCategory", "a.ip_tags as ipTags"])
    .where("a.actor_id", "=", sql<string>`ANY(${[...accountIds]}::text[])`)
    .where("a.connector_id", "=", connectorId)
    .where("a.event_time", ">=", since)
    .where("a.event_time", "<=", until)
    .where("a.is_system", "=", false)
    .where((eb) => eb.or([eb("a.action", "=", "user_login_failed"), eb("a.ip_category", "=", "risky"), eb(sql<number>`cardinality(a.ip_tags)`, ">", 0)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom("alert_activities as l").select("l.activity_seq").whereRef("l.activity_seq", "=", "a.seq"))))
    .execute();

/**
 * Countries first seen for an account in [since, until], a day or more after the account was first seen anywhere
 * (a new account's first country is not news), with the first activity from there when no alert holds it.
 */
export const listNewCountries = async (connectorId: string, accountIds: readonly string[], since: Date, until: Date, db: Sql = getSql()): Promise<TNewCountryRow[]> => {
  const result = await sql<TNewCountryRow>`
    WITH c AS (
      SELECT actor_id, country_code, min(first_seen) AS f FROM user_locations_seen
      WHERE connector_id = ${connectorId}::uuid AND actor_id = ANY(${[...accountIds]}::text[]) GROUP BY actor_id, country_code
    ), u AS (SELECT actor_id, min(f) AS uf FROM c GROUP BY actor_id)
    SELECT c.actor_id AS "accountId", x.seq::text AS seq, x.event_time AS at, host(x.ip) AS ip, c.country_code AS "countryCode"
    FROM c JOIN u USING (actor_id)
    CROSS JOIN LATERAL (
      SELECT a.seq, a.event_time, a.ip FROM activities a
      WHERE a.actor_id = c.actor_id AND a.connector_id = ${connectorId}::uuid AND a.country_code = c.country_code AND a.event_time >= c.f
      ORDER BY a.event_time LIMIT 1
    ) x
    WHERE c.country_code IS NOT NULL AND c.f >= ${since} AND c.f <= ${until} AND c.f > u.uf + interval '1 day'
      AND NOT EXISTS (SELECT 1 FROM alert_activities l WHERE l.activity_seq = x.seq)`.execute(db);
  return result.rows;
};

/**
 * Writes each account's priority. A row computed at an earlier time never replaces a later one, so two workers
 * (or a slow round finishing after a fast one) leave the newest computation.
 */
export const savePriorities = async (connectorId: string, rows: readonly (TPriority & { accountId: string })[], computedAt: Date, db: Sql = getSql()): Promise<void> => {
  if (rows.length === 0) return;
  const r = jsonRecordset(
    "r",
    { accountId: "text", score: "integer", trend: "jsonb", contributions: "jsonb" },
    rows.map((p) => ({ accountId: p.accountId, score: p.score, trend: p.trend, contributions: p.contributions })),
  );
  await db
    .insertInto("user_priorities")
    .columns(["connector_id", "account_id", "score", "trend", "contributions", "computed_at"])
    .expression((eb) =>
      eb
        .selectFrom(r)
        .select([
          sql<string>`${connectorId}::uuid`.as("connector_id"),
          "r.accountId",
          "r.score",
          sql<number[]>`ARRAY(SELECT jsonb_array_elements_text(${sql.ref("r.trend")})::integer)`.as("trend"),
          "r.contributions",
          sql<Date>`${computedAt}::timestamptz`.as("computed_at"),
        ]),
    )
    .onConflict((oc) =>
      oc
        .columns(["connector_id", "account_id"])
        .doUpdateSet((eb) => ({ score: eb.ref("excluded.score"), trend: eb.ref("excluded.trend"), contributions: eb.ref("excluded.contributions"), computed_at: eb.ref("excluded.computed_at") }))
        .where("user_priorities.computed_at", "<=", sql<Date>`excluded.computed_at`),
    )
    .execute();
};

/** Accounts whose stored priority is not all zero and was computed before `before`: the decay refresh's work. */
export const listStalePriorities = async (connectorId: string, before: Date, limit: number, db: Sql = getSql()): Promise<string[]> =>
  (
    await db
      .selectFrom("user_priorities")
      .select("account_id")
      .where("connector_id", "=", connectorId)
      .where("computed_at", "<", before)
      .where((eb) => eb.or([eb("score", ">", 0), sql<boolean>`trend <> '{0,0,0,0,0,0,0}'::integer[]`]))
      .orderBy("computed_at")
      .limit(limit)
      .execute()
  ).map((r) => r.account_id);

/** Accounts of alerts of the connector updated after `since` (triage: a false positive stops counting). */
export const listAccountsOfAlertsUpdatedSince = async (connectorId: string, since: Date, db: Sql = getSql()): Promise<{ accountIds: string[]; newest: Date | null }> => {
  const rows = await db
    .selectFrom("alerts")
    .select((eb) => ["user_account_id as accountId", eb.fn.max("updated_at").as("newest")])
    .where("connector_id", "=", connectorId)
    .where("updated_at", ">", since)
    .where("user_account_id", "is not", null)
    .groupBy("user_account_id")
    .execute();
  const newest = rows.reduce<Date | null>((m, r) => (m === null || r.newest > m ? r.newest : m), null);
  return { accountIds: rows.map((r) => r.accountId ?? "").filter(Boolean), newest };
};

/** Distinct non-system actors of the connector's activities with seq in (afterSeq, uptoSeq]. */
export const listActorsBetweenSeqs = async (connectorId: string, afterSeq: bigint, uptoSeq: bigint, db: Sql = getSql()): Promise<string[]> =>
  (
    await db
      .selectFrom("activities")
      .select("actor_id")
      .distinct()
      .where("connector_id", "=", connectorId)
      .where("seq", ">", afterSeq.toString())
      .where("seq", "<=", uptoSeq.toString())
      .where("is_system", "=", false)
      .execute()
  ).map((r) => r.actor_id);

export type TStoredPriority = Readonly<{ score: number; trend: number[]; contributions: unknown; computedAt: Date }>;

export const findPriority = async (connectorId: string, accountId: string, db: Sql = getSql()): Promise<TStoredPriority | null> =>
  (await db
    .selectFrom("user_priorities")
    .select(["score", "trend", "contributions", "computed_at as computedAt"])
    .where("connector_id", "=", connectorId)
    .where("account_id", "=", accountId)
    .executeTakeFirst()) ?? null;
