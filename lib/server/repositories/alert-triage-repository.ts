import { sql } from "kysely";
import type { AlertClassification, AlertStatus } from "../../generated/kysely/types";
import { getSql, type Sql } from "../db";
import { closeIncidentsOfClosedAlerts, lockIncidentAccounts, reopenIncidentsOfAlerts } from "./incident-grouping-repository";
import { jsonRecordset } from "./json-recordset";

// Triage writes: every status, assignee or classification change and its history events commit together,
// decided on rows locked FOR UPDATE so that concurrent analysts always decide on the latest state. On the pg pool
// with the alert reads (bench:load, docs/benchmarks.md).

export type TTriageActor = Readonly<{ id: string | null; email: string | null; name: string | null }>;

/** An alert's triage state as locked for a change. */
export type TTriageState = Readonly<{
  id: string;
  policyKey: string;
  status: AlertStatus;
  assignee: { id: string; name: string; email: string } | null;
  classification: AlertClassification | null;
  resolutionReason: string | null;
  resolvedAt: Date | null;
}>;

export type TTriageEventWrite = Readonly<{ kind: string; detail: Record<string, unknown> }>;

/** The state to write and the history events that explain it. */
export type TTriageChange = Readonly<{
  next: Readonly<{ status: AlertStatus; assigneeId: string | null; classification: AlertClassification | null; resolutionReason: string | null; resolvedAt: Date | null }>;
  events: readonly TTriageEventWrite[];
}>;

/** Appends history events (one row each, actor null for the system), inside the caller's transaction when it passes one. */
export const insertAlertEvents = async (
  actor: TTriageActor | null,
  events: readonly (TTriageEventWrite & { alertId: string })[],
  db: Sql = getSql(),
): Promise<void> => {
  if (events.length === 0) return;
  const r = jsonRecordset(
    "r",
    { n: "int", alert_id: "uuid", kind: "text", detail: "jsonb" },
    events.map((e, n) => ({ n, alert_id: e.alertId, kind: e.kind, detail: e.detail })),
  );
  await db
    .insertInto("alert_events")
    .columns(["alert_id", "at", "actor_id", "actor_email", "actor_name", "kind", "detail"])
    .expression((eb) =>
      eb
        .selectFrom(r)
        .select([
          "r.alert_id",
          sql<Date>`clock_timestamp()`.as("at"),
          sql<string | null>`${actor?.id ?? null}::uuid`.as("actor_id"),
          sql<string | null>`${actor?.email ?? null}`.as("actor_email"),
          sql<string | null>`${actor?.name ?? null}`.as("actor_name"),
          "r.kind",
          "r.detail",
        ])
        // In the order given: ids (and so the history) follow it.
        .orderBy("r.n"),
    )
    .execute();
};

/** Appends history events on their own (e.g. a governance action requested from an alert). */
export const appendAlertEvents = (actor: TTriageActor | null, events: readonly (TTriageEventWrite & { alertId: string })[], db: Sql = getSql()): Promise<void> =>
  insertAlertEvents(actor, events, db);

/**
 * Locks the alerts (FOR UPDATE, in id order so concurrent bulk changes never deadlock), asks `decide` for
 * each one's change (null: nothing to change), then writes the changed rows and their history events in
 * the same transaction. A throwing `decide` rolls everything back. Returns the ids that exist.
 */
export const applyTriageChanges = (
  ids: readonly string[],
  actor: TTriageActor,
  decide: (state: TTriageState) => TTriageChange | null,
  db: Sql = getSql(),
): Promise<string[]> => db.transaction().execute((trx) => applyTriageChangesInTransaction(ids, actor, decide, trx));

const isClosed = (status: AlertStatus) => status === "resolved" || status === "dismissed";

/**
 * applyTriageChanges inside the caller's transaction (incident triage cascades to its alerts with it). An alert
 * reopened in a closed incident reopens the incident. The alerts' accounts are locked first (advisory, as grouping
 * and incident triage do) so that the three never wait on each other's rows in a cycle.
 */
export const applyTriageChangesInTransaction = async (
  ids: readonly string[],
  actor: TTriageActor,
  decide: (state: TTriageState) => TTriageChange | null,
  trx: Sql,
): Promise<string[]> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const accounts = await trx
    .selectFrom("alerts")
    .select(["connector_id", "user_account_id"])
    .distinct()
    .where("id", "=", sql<string>`ANY(${unique}::uuid[])`)
    .where("user_account_id", "is not", null)
    .execute();
  await lockIncidentAccounts(trx, accounts.map((a) => ({ connectorId: a.connector_id, accountId: a.user_account_id ?? "" })));
  const rows = await trx
    .selectFrom("alerts as a")
    .leftJoin("users as u", "u.id", "a.assignee_id")
    .select(["a.id", "a.policy_key", "a.status", "a.assignee_id", "u.name as assignee_name", "u.email as assignee_email", "a.classification",
      "a.resolution_reason", "a.resolved_at"])
    .where("a.id", "=", sql<string>`ANY(${unique}::uuid[])`)
    .orderBy("a.id")
    .forUpdate(["a"])
    .execute();
  const changes = rows.flatMap((row) => {
    const change = decide({
      id: row.id,
      policyKey: row.policy_key,
      status: row.status,
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "", email: row.assignee_email ?? "" } : null,
      classification: row.classification,
      resolutionReason: row.resolution_reason,
      resolvedAt: row.resolved_at,
    });
    return change ? [{ id: row.id, from: row.status, change }] : [];
  });
  if (changes.length > 0) {
    const r = jsonRecordset(
      "r",
      { id: "uuid", status: '"AlertStatus"', assignee_id: "uuid", classification: '"AlertClassification"', resolution_reason: "text", resolved_at: "timestamptz" },
      changes.map(({ id, change: { next } }) => ({
        id,
        status: next.status,
        assignee_id: next.assigneeId,
        classification: next.classification,
        resolution_reason: next.resolutionReason,
        resolved_at: next.resolvedAt?.toISOString() ?? null,
      })),
    );
    await trx
      .updateTable("alerts as a")
      .from(r)
      .set((eb) => ({
        status: eb.ref("r.status"),
        assignee_id: eb.ref("r.assignee_id"),
        classification: eb.ref("r.classification"),
        resolution_reason: eb.ref("r.resolution_reason"),
        resolved_at: sql<Date | null>`${sql.ref("r.resolved_at")}`,
        updated_at: sql<Date>`clock_timestamp()`,
      }))
      .whereRef("a.id", "=", "r.id")
      .execute();
    await insertAlertEvents(actor, changes.flatMap(({ id, change }) => change.events.map((e) => ({ ...e, alertId: id }))), trx);
    const reopened = changes.filter((c) => isClosed(c.from) && !isClosed(c.change.next.status)).map((c) => c.id);
    await reopenIncidentsOfAlerts(trx, reopened, actor);
    const closed = changes.filter((c) => !isClosed(c.from) && isClosed(c.change.next.status)).map((c) => c.id);
    await closeIncidentsOfClosedAlerts(trx, closed, actor);
  }
  return rows.map((r) => r.id);
};
