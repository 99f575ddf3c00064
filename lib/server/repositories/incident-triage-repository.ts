import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { applyTriageChangesInTransaction, type TTriageActor, type TTriageChange, type TTriageState } from "./alert-triage-repository";
import { lockIncidentAccounts } from "./incident-grouping-repository";
import { jsonRecordset } from "./json-recordset";

// Incident triage (issue 25): the alerts' workflow on the incident row, and the cascade to its open alerts, in one
// transaction. Lock order: the accounts (advisory), the incidents, then their alerts; grouping and alert triage take
// the account locks first too.

/** What to do to one incident and, when it closes, to each of its open or in-progress alerts. */
export type TIncidentDecision = Readonly<{
  decide: (state: TTriageState) => TTriageChange | null;
  /** The change of each open or in-progress alert once the incident is resolved or dismissed by this change. */
  cascade: (incident: TTriageChange["next"]) => (alert: TTriageState) => TTriageChange | null;
}>;

export type TIncidentTriageResult = Readonly<{ id: string; changed: boolean; cascaded: string[] }>;

const isClosed = (status: string) => status === "resolved" || status === "dismissed";

/**
 * Locks the incidents (in id order) and applies each one's change with its history events; a change that resolves
 * or dismisses an incident applies the cascade to its open alerts (their own history events, via alert triage).
 * A throwing `decide` rolls everything back. Returns the incidents that exist.
 */
export const applyIncidentTriage = (ids: readonly string[], actor: TTriageActor, decision: TIncidentDecision, db: Sql = getSql()): Promise<TIncidentTriageResult[]> =>
  db.transaction().execute(async (trx) => {
    const unique = [...new Set(ids)];
    const heads = await trx.selectFrom("incidents").select(["connector_id", "user_account_id"]).where("id", "=", sql<string>`ANY(${unique}::uuid[])`).execute();
    await lockIncidentAccounts(trx, heads.map((h) => ({ connectorId: h.connector_id, accountId: h.user_account_id })));
    const rows = await trx
      .selectFrom("incidents as i")
      .leftJoin("users as u", "u.id", "i.assignee_id")
      .select(["i.id", "i.status", "i.assignee_id", "u.name as assignee_name", "u.email as assignee_email", "i.classification", "i.resolution_reason", "i.resolved_at"])
      .where("i.id", "=", sql<string>`ANY(${unique}::uuid[])`)
      .orderBy("i.id")
      .forUpdate(["i"])
      .execute();
    const results: TIncidentTriageResult[] = [];
    for (const row of rows) {
      const change = decision.decide({
        id: row.id,
        policyKey: "",
        status: row.status,
        assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "", email: row.assignee_email ?? "" } : null,
        classification: row.classification,
        resolutionReason: row.resolution_reason,
        resolvedAt: row.resolved_at,
      });
      if (!change) {
        results.push({ id: row.id, changed: false, cascaded: [] });
        continue;
      }
      const { next } = change;
      await trx
        .updateTable("incidents")
        .set({
          status: next.status,
          assignee_id: next.assigneeId,
          classification: next.classification,
          resolution_reason: next.resolutionReason,
          resolved_at: next.resolvedAt,
          updated_at: sql<Date>`clock_timestamp()`,
        })
        .where("id", "=", row.id)
        .execute();
      await insertIncidentEvents(trx, actor, change.events.map((e) => ({ ...e, incidentId: row.id })));
      let cascaded: string[] = [];
      if (isClosed(next.status) && !isClosed(row.status)) {
        const open = await trx.selectFrom("alerts").select("id").where("incident_id", "=", row.id).where("status", "in", ["open", "in_progress"]).execute();
        const decideAlert = decision.cascade(next);
        cascaded = await applyTriageChangesInTransaction(open.map((a) => a.id), actor, decideAlert, trx);
      }
      results.push({ id: row.id, changed: true, cascaded });
    }
    return results;
  });

/** Appends incident history events (actor null: the system), inside the caller's transaction. */
export const insertIncidentEvents = async (
  trx: Sql,
  actor: TTriageActor | null,
  events: readonly Readonly<{ incidentId: string; kind: string; detail: Record<string, unknown> }>[],
): Promise<void> => {
  if (events.length === 0) return;
  const r = jsonRecordset("r", { n: "int", incident_id: "uuid", kind: "text", detail: "jsonb" }, events.map((e, n) => ({ n, incident_id: e.incidentId, kind: e.kind, detail: e.detail })));
  await trx
    .insertInto("incident_events")
    .columns(["incident_id", "at", "actor_id", "actor_email", "actor_name", "kind", "detail"])
    .expression((eb) =>
      eb
        .selectFrom(r)
        .select([
          "r.incident_id",
          sql<Date>`clock_timestamp()`.as("at"),
          sql<string | null>`${actor?.id ?? null}::uuid`.as("actor_id"),
          sql<string | null>`${actor?.email ?? null}`.as("actor_email"),
          sql<string | null>`${actor?.name ?? null}`.as("actor_name"),
          "r.kind",
          "r.detail",
        ])
        .orderBy("r.n"),
    )
    .execute();
};
