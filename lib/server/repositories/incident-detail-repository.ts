import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import type { AlertCommentRow, AlertEventRow } from "./alert-detail-repository";
import type { TTriageActor } from "./alert-triage-repository";
import { insertIncidentEvents } from "./incident-triage-repository";

// What the incident page shows beside the incident: its alerts, the merged timeline of their activities, comments
// and history; and the incident's comment and settings writes.

/** Activities on the timeline at most (the newest ones). */
export const TIMELINE_LIMIT = 500;

export const listIncidentAlerts = (incidentId: string, db: Sql = getSql()) =>
  db
    .selectFrom("alerts")
    .select(["id", "policy_key as policyKey", "policy_name as policyName", "title", "severity", "status", "first_activity_at as firstActivityAt",
      "last_activity_at as lastActivityAt", "created_at as createdAt"])
    .where("incident_id", "=", incidentId)
    .orderBy("first_activity_at")
    .orderBy("id")
    .execute();

export type TimelineRow = Readonly<{ seq: string; eventTime: Date; action: string; actionName: string | null; ip: string | null; countryCode: string | null; city: string | null; alertIds: string[] }>;

/** The incident's alerts' activities, each once with the alerts it belongs to: the newest TIMELINE_LIMIT, oldest first. */
export const listIncidentTimeline = async (incidentId: string, db: Sql = getSql()): Promise<{ rows: TimelineRow[]; truncated: boolean }> => {
  const rows = await db
    .selectFrom("alert_activities as l")
    .innerJoin("alerts as a", "a.id", "l.alert_id")
    .innerJoin("activities as act", "act.seq", "l.activity_seq")
    .select((eb) => [
      eb.cast<string>("act.seq", "text").as("seq"),
      "act.event_time as eventTime",
      "act.action",
      "act.action_name as actionName",
      sql<string | null>`host(${sql.ref("act.ip")})`.as("ip"),
      "act.country_code as countryCode",
      "act.city",
      sql<string[]>`array_agg(${sql.ref("a.id")}::text ORDER BY ${sql.ref("a.id")})`.as("alertIds"),
    ])
    .where("a.incident_id", "=", incidentId)
    .groupBy(["act.seq", "act.event_time", "act.action", "act.action_name", "act.ip", "act.country_code", "act.city"])
    .orderBy("act.event_time", "desc")
    .orderBy("act.seq", "desc")
    .limit(TIMELINE_LIMIT + 1)
    .execute();
  return { rows: rows.slice(0, TIMELINE_LIMIT).reverse(), truncated: rows.length > TIMELINE_LIMIT };
};

export const listIncidentComments = async (incidentId: string, db: Sql = getSql()): Promise<AlertCommentRow[]> =>
  db
    .selectFrom("incident_comments")
    .select(["id", "author_id as authorId", "author_name as authorName", "author_email as authorEmail", "body", "created_at as createdAt"])
    .where("incident_id", "=", incidentId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

export const listIncidentHistory = async (incidentId: string, db: Sql = getSql()): Promise<AlertEventRow[]> => {
  const rows = await db
    .selectFrom("incident_events")
    .select(["id", "at", "actor_id as actorId", "actor_email as actorEmail", "actor_name as actorName", "kind", "detail"])
    .where("incident_id", "=", incidentId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, id: BigInt(r.id) }));
};

/** A comment and its "commented" history event in one transaction; null when the incident does not exist. */
export const insertIncidentComment = (
  options: Readonly<{ incidentId: string; author: TTriageActor & { name: string; email: string }; body: string; excerpt: string }>,
  db: Sql = getSql(),
): Promise<AlertCommentRow | null> =>
  db.transaction().execute(async (trx) => {
    const { incidentId, author, body } = options;
    const found = await trx.selectFrom("incidents").select("id").where("id", "=", incidentId).forKeyShare().executeTakeFirst();
    if (!found) return null;
    const row = await trx
      .insertInto("incident_comments")
      .values({ id: sql<string>`gen_random_uuid()`, incident_id: incidentId, author_id: author.id, author_email: author.email, author_name: author.name, body, created_at: sql<Date>`clock_timestamp()` })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await insertIncidentEvents(trx, author, [{ incidentId, kind: "commented", detail: { commentId: row.id, excerpt: options.excerpt } }]);
    return { id: row.id, authorId: author.id, authorName: author.name, authorEmail: author.email, body, createdAt: row.created_at };
  });

/** Sets the grouping window (the single settings row); returns the previous value. */
export const saveIncidentWindow = (windowHours: number, actorId: string | null, db: Sql = getSql()): Promise<number | null> =>
  db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("incident_settings").select("window_hours").where("id", "=", "default").forUpdate().executeTakeFirst();
    await trx
      .insertInto("incident_settings")
      .values({ id: "default", window_hours: windowHours, updated_at: sql<Date>`clock_timestamp()`, updated_by_id: actorId })
      .onConflict((oc) => oc.column("id").doUpdateSet({ window_hours: windowHours, updated_at: sql<Date>`clock_timestamp()`, updated_by_id: actorId }))
      .execute();
    return before?.window_hours ?? null;
  });
