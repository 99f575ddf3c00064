import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { planIncidentGrouping } from "../../incidents/plan-incident-grouping";
import { INCIDENT_WINDOW_HOURS } from "../../shared/schemas/incidents";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

// Grouping alerts into incidents (issue 25), inside the transaction that writes the alerts: an alert is never
// committed without its incident, so a crash between the two cannot leave it ungrouped.

export type TAccountKey = Readonly<{ connectorId: string; accountId: string }>;

const keyOf = (k: TAccountKey) => `${k.connectorId}:${k.accountId}`;

/**
 * Serializes incident work per (connector, account) until the transaction ends: two workers (detection, the
 * backfill, an analyst's incident triage) never decide on one account's incidents at once, so one account never
 * gets two joinable incidents. Sorted: two transactions never wait on each other in a cycle. Advisory locks: no
 * row stands for an account that has no incident yet. Callers take them before locking alert rows (the order
 * incident triage uses too).
 */
export const lockIncidentAccounts = async (trx: Sql, keys: readonly TAccountKey[]): Promise<void> => {
  const names = [...new Set(keys.map((k) => `incident:${keyOf(k)}`))].sort();
  if (names.length === 0) return;
  // unnest yields the array's order, so the locks are taken in the sorted order.
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${names}::text[]) AS t(k)`.execute(trx);
};

/** The grouping window, read in the transaction (a primary-key read per detection batch: exact, no cache to expire). */
export const readWindowHours = async (db: Sql = getSql()): Promise<number> => {
  const row = await db.selectFrom("incident_settings").select("window_hours").where("id", "=", "default").executeTakeFirst();
  return row?.window_hours ?? INCIDENT_WINDOW_HOURS.default;
};

/**
 * Recomputes the incidents' figures from their alerts: counts, distinct policies, first/last activity, severity
 * (the highest alert's, one step higher with three or more distinct policies) and the sliding joinable_until
 * (never moved back). Also after an existing alert's episode grew.
 */
export const refreshIncidents = async (trx: Sql, incidentIds: readonly string[], windowHours: number): Promise<void> => {
  if (incidentIds.length === 0) return;
  await sql`
    UPDATE incidents i SET
      alert_count = s.alerts,
      policy_count = s.policies,
      first_activity_at = s.first_at,
      last_activity_at = s.last_at,
      severity = CASE WHEN s.policies >= 3 THEN (CASE s.top WHEN 'low' THEN 'medium' ELSE 'high' END)::"Severity" ELSE s.top END,
      joinable_until = greatest(i.joinable_until, s.last_at + make_interval(hours => ${windowHours}::int)),
      updated_at = clock_timestamp()
    FROM (
      SELECT incident_id, count(*)::int AS alerts, count(DISTINCT policy_key)::int AS policies, min(first_activity_at) AS first_at,
             max(last_activity_at) AS last_at, max(severity) AS top
      FROM alerts WHERE incident_id = ANY(${[...new Set(incidentIds)]}::uuid[]) GROUP BY incident_id
    ) s
    WHERE i.id = s.incident_id`.execute(trx);
};

/**
 * Puts the given alerts that name an account into incidents: each without one joins its account's joinable incident
 * or starts one (history: created, alert_joined); every touched incident's figures are recomputed. Idempotent:
 * alerts already grouped only refresh their incident.
 */
export const groupAlertsInTransaction = async (alertIds: readonly string[], trx: Sql): Promise<{ created: number; joined: number }> => {
  const ids = [...new Set(alertIds)];
  if (ids.length === 0) return { created: 0, joined: 0 };
  const accounts = await trx
    .selectFrom("alerts")
    .select(["connector_id", "user_account_id"])
    .distinct()
    .where("id", "=", sql<string>`ANY(${ids}::uuid[])`)
    .where("user_account_id", "is not", null)
    .execute();
  if (accounts.length === 0) return { created: 0, joined: 0 };
  await lockIncidentAccounts(trx, accounts.map((a) => ({ connectorId: a.connector_id, accountId: a.user_account_id ?? "" })));
  // Read under the locks: another transaction may have grouped some of them meanwhile.
  const rows = await trx
    .selectFrom("alerts")
    .select(["id", "connector_id", "user_account_id", "first_activity_at", "last_activity_at", "incident_id", "policy_key"])
    .where("id", "=", sql<string>`ANY(${ids}::uuid[])`)
    .where("user_account_id", "is not", null)
    .execute();
  const windowHours = await readWindowHours(trx);
  const ungrouped = rows.filter((r) => r.incident_id === null);
  const touched = new Set(rows.flatMap((r) => (r.incident_id ? [r.incident_id] : [])));
  const result = ungrouped.length > 0 ? await groupNew(trx, ungrouped, windowHours, touched) : { created: 0, joined: 0 };
  await refreshIncidents(trx, [...touched], windowHours);
  return result;
};

/**
 * The backfill (alerts raised before incidents existed, or by a path that did not group): the next `limit` alerts
 * with an account and no incident, oldest activity first, grouped in one transaction. Restart-safe and idempotent:
 * what is done is committed, what is not is still ungrouped. Returns how many alerts it looked at.
 */
export const groupNextUngroupedAlerts = (limit: number, db: Sql = getSql()): Promise<number> =>
  db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("alerts")
      .select("id")
      .where("incident_id", "is", null)
      .where("user_account_id", "is not", null)
      .orderBy("first_activity_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    await groupAlertsInTransaction(rows.map((r) => r.id), trx);
    return rows.length;
  });

type TUngrouped = Readonly<{ id: string; connector_id: string; user_account_id: string | null; first_activity_at: Date; last_activity_at: Date; policy_key: string }>;

const groupNew = async (trx: Sql, ungrouped: readonly TUngrouped[], windowHours: number, touched: Set<string>) => {
  const pairs = [...new Map(ungrouped.map((r) => [keyOf({ connectorId: r.connector_id, accountId: r.user_account_id ?? "" }), r])).values()];
  const joinable = await trx
    .selectFrom("incidents")
    .select(["id", "connector_id", "user_account_id", "first_activity_at", "joinable_until"])
    .where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb("connector_id", "=", p.connector_id), eb("user_account_id", "=", p.user_account_id ?? "")]))),
    )
    .where("status", "in", ["open", "in_progress"])
    .orderBy("id")
    .forUpdate()
    .execute();
  const plan = planIncidentGrouping(
    ungrouped.map((r) => ({ id: r.id, accountId: keyOf({ connectorId: r.connector_id, accountId: r.user_account_id ?? "" }), firstActivityAt: r.first_activity_at, lastActivityAt: r.last_activity_at })),
    joinable.map((i) => ({
      id: i.id,
      accountId: keyOf({ connectorId: i.connector_id, accountId: i.user_account_id }),
      firstActivityAt: i.first_activity_at,
      joinableUntil: i.joinable_until,
    })),
    windowHours * 3_600_000,
    randomUUID,
  );
  if (plan.created.length > 0) {
    const r = jsonRecordset("r", { id: "uuid", alert_id: "uuid" }, plan.created.map((c) => ({ id: c.id, alert_id: c.firstAlertId })));
    // Figures are set from the first alert here and recomputed from all of them below (refreshIncidents).
    const now = sql<Date>`clock_timestamp()`;
    await trx
      .insertInto("incidents")
      .columns(["id", "connector_id", "user_account_id", "user_email", "user_name", "severity", "first_activity_at", "last_activity_at", "joinable_until",
        "created_at", "updated_at"])
      .expression((eb) =>
        eb
          .selectFrom(r)
          .innerJoin("alerts as a", "a.id", "r.alert_id")
          .select(["r.id", "a.connector_id", sql<string>`${sql.ref("a.user_account_id")}`.as("user_account_id"), "a.user_email", "a.user_name", "a.severity",
            "a.first_activity_at", "a.last_activity_at", sql<Date>`${sql.ref("a.last_activity_at")} + make_interval(hours => ${windowHours}::int)`.as("joinable_until"),
            now.as("created_at"), now.as("updated_at")]),
      )
      .execute();
  }
  const assign = jsonRecordset("r", { alert_id: "uuid", incident_id: "uuid" }, plan.assignments.map((a) => ({ alert_id: a.alertId, incident_id: a.incidentId })));
  await trx.updateTable("alerts as a").from(assign).set((eb) => ({ incident_id: eb.ref("r.incident_id") })).whereRef("a.id", "=", "r.alert_id").execute();
  const firstAlerts = new Set(plan.created.map((c) => c.firstAlertId));
  const policyOf = new Map(ungrouped.map((r) => [r.id, r.policy_key]));
  const events = jsonRecordset(
    "r",
    { n: "int", incident_id: "uuid", kind: "text", detail: "jsonb" },
    plan.assignments.map((a, n) => ({ n, incident_id: a.incidentId, kind: firstAlerts.has(a.alertId) ? "created" : "alert_joined", detail: { alertId: a.alertId, policyKey: policyOf.get(a.alertId) } })),
  );
  await trx
    .insertInto("incident_events")
    .columns(["incident_id", "at", "kind", "detail"])
    .expression((eb) => eb.selectFrom(events).select(["r.incident_id", sql<Date>`clock_timestamp()`.as("at"), "r.kind", "r.detail"]).orderBy("r.n"))
    .execute();
  plan.assignments.forEach((a) => touched.add(a.incidentId));
  return { created: plan.created.length, joined: plan.assignments.length - plan.created.length };
};

type TEventActor = Readonly<{ id: string | null; email: string | null; name: string | null }> | null;

/** status_changed events of incidents whose status an alert's change moved (actor: who changed the alert). */
const insertStatusEvents = (trx: Sql, actor: TEventActor, events: readonly Readonly<{ incidentId: string; detail: Record<string, unknown> }>[]) =>
  trx
    .insertInto("incident_events")
    .values(
      events.map((e) => ({
        incident_id: e.incidentId,
        at: sql<Date>`clock_timestamp()`,
        actor_id: actor?.id ?? null,
        actor_email: actor?.email ?? null,
        actor_name: actor?.name ?? null,
        kind: "status_changed",
        detail: JSON.stringify(e.detail),
      })),
    )
    .execute();

/**
 * An alert reopened in a resolved or dismissed incident reopens the incident (classification, reason and
 * resolution time cleared, as reopening an alert does), with a status_changed event naming the alert.
 */
export const reopenIncidentsOfAlerts = async (
  trx: Sql,
  alertIds: readonly string[],
  actor: TEventActor,
): Promise<string[]> => {
  if (alertIds.length === 0) return [];
  const rows = await trx
    .selectFrom("incidents as i")
    .innerJoin("alerts as a", "a.incident_id", "i.id")
    .select(["i.id", "i.status", "a.id as alert_id"])
    .where("a.id", "=", sql<string>`ANY(${[...alertIds]}::uuid[])`)
    .where("i.status", "in", ["resolved", "dismissed"])
    .orderBy("i.id")
    .forUpdate(["i"])
    .execute();
  const closed = [...new Map(rows.map((r) => [r.id, r])).values()];
  if (closed.length === 0) return [];
  const ids = closed.map((c) => c.id);
  await trx
    .updateTable("incidents")
    .set({ status: "open", classification: null, resolution_reason: null, resolved_at: null, updated_at: sql<Date>`clock_timestamp()` })
    .where("id", "=", sql<string>`ANY(${ids}::uuid[])`)
    .execute();
  await insertStatusEvents(
    trx,
    actor,
    closed.map((c) => ({ incidentId: c.id, detail: { from: c.status, to: "open", reason: "An alert of the incident was reopened", alertId: c.alert_id } })),
  );
  return ids;
};

/**
 * An incident whose last open alert was just resolved or dismissed closes with it: resolved when any of its alerts
 * was resolved (classification: the most serious among theirs), else dismissed, with a status_changed event saying
 * why. The callers hold the accounts' incident locks (alert triage), so no alert joins meanwhile.
 */
export const closeIncidentsOfClosedAlerts = async (
  trx: Sql,
  alertIds: readonly string[],
  actor: TEventActor,
): Promise<string[]> => {
  if (alertIds.length === 0) return [];
  const { rows } = await sql<{ id: string; status: string; resolved: boolean; classification: "true_positive" | "benign_true_positive" | "false_positive" | null }>`
    SELECT i.id, i.status, bool_or(a.status = 'resolved') AS resolved,
      (array_agg(a.classification ORDER BY array_position(ARRAY['true_positive', 'benign_true_positive', 'false_positive']::"AlertClassification"[], a.classification))
        FILTER (WHERE a.status = 'resolved' AND a.classification IS NOT NULL))[1] AS classification
    FROM incidents i JOIN alerts a ON a.incident_id = i.id
    WHERE i.id IN (SELECT incident_id FROM alerts WHERE id = ANY(${[...alertIds]}::uuid[]) AND incident_id IS NOT NULL)
      AND i.status IN ('open', 'in_progress')
    GROUP BY i.id, i.status
    HAVING bool_and(a.status IN ('resolved', 'dismissed'))
    ORDER BY i.id`.execute(trx);
  if (rows.length === 0) return [];
  const reason = "Every alert of the incident was closed";
  // One statement for every incident a bulk change closed.
  const closing = jsonRecordset(
    "r",
    { id: "uuid", status: '"AlertStatus"', classification: '"AlertClassification"' },
    rows.map((r) => ({ id: r.id, status: r.resolved ? "resolved" : "dismissed", classification: r.resolved ? r.classification : null })),
  );
  await trx
    .updateTable("incidents as i")
    .from(closing)
    .set(() => ({
      status: sql<"resolved" | "dismissed">`${sql.ref("r.status")}`,
      classification: sql<"true_positive" | "benign_true_positive" | "false_positive" | null>`${sql.ref("r.classification")}`,
      resolution_reason: reason,
      resolved_at: sql<Date>`clock_timestamp()`,
      updated_at: sql<Date>`clock_timestamp()`,
    }))
    .whereRef("i.id", "=", "r.id")
    .execute();
  await insertStatusEvents(trx, actor, rows.map((r) => ({ incidentId: r.id, detail: { from: r.status, to: r.resolved ? "resolved" : "dismissed", reason } })));
  return rows.map((r) => r.id);
};
