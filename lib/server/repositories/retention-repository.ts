// Data retention (issue 23): settings, legal holds, and the batched deletes of alerts, governance log, deliveries.
// Activities are never deleted here row by row: their monthly partitions are dropped whole
// (activity-partition-repository.ts).
import { sql, type ExpressionBuilder, type RawBuilder } from "kysely";
import type { DB } from "../../generated/kysely/types";
import { getSql, type Sql } from "../db";

const BATCH = 2_000;

export type RetentionSettingsRow = Readonly<{
  activities_days: number | null;
  alerts_days: number | null;
  governance_days: number | null;
  deliveries_days: number | null;
  audit_days: number | null;
}>;

export const getRetentionSettingsRow = async (db: Sql = getSql()): Promise<RetentionSettingsRow | null> =>
  (await db
    .selectFrom("retention_settings")
    .select(["activities_days", "alerts_days", "governance_days", "deliveries_days", "audit_days"])
    .where("id", "=", "default")
    .executeTakeFirst()) ?? null;

export const saveRetentionSettingsRow = async (values: RetentionSettingsRow, updatedById: string | null, db: Sql = getSql()): Promise<void> => {
  const row = { ...values, updated_at: new Date(), updated_by_id: updatedById };
  await db
    .insertInto("retention_settings")
    .values({ id: "default", ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
};

// ---- Legal holds ----

export type LegalHoldRow = Readonly<{
  id: string;
  connector_id: string;
  connector_name: string;
  user_account_id: string | null;
  user_email: string | null;
  user_name: string | null;
  reason: string;
  created_at: Date;
  created_by_email: string | null;
  released_at: Date | null;
  released_by_email: string | null;
}>;

/** Active holds first, then released ones (newest first), at most 200 released. */
export const listLegalHolds = async (db: Sql = getSql()): Promise<LegalHoldRow[]> =>
  db
    .selectFrom("legal_holds as h")
    .innerJoin("connectors as c", "c.id", "h.connector_id")
    .leftJoin("atlassian_users as u", (join) => join.onRef("u.connector_id", "=", "h.connector_id").onRef("u.account_id", "=", "h.user_account_id"))
    .select([
      "h.id", "h.connector_id", "c.name as connector_name", "h.user_account_id", "u.email as user_email", "u.name as user_name", "h.reason",
      "h.created_at", "h.created_by_email", "h.released_at", "h.released_by_email",
    ])
    .orderBy(sql`h.released_at IS NOT NULL`)
    .orderBy("h.created_at", "desc")
    .limit(300)
    .execute();

export const insertLegalHold = async (
  hold: Readonly<{ connectorId: string; userAccountId: string | null; reason: string; createdById: string | null; createdByEmail: string | null }>,
  db: Sql = getSql(),
): Promise<{ id: string }> =>
  db
    .insertInto("legal_holds")
    .values({
      id: sql<string>`gen_random_uuid()`,
      connector_id: hold.connectorId,
      user_account_id: hold.userAccountId,
      reason: hold.reason,
      created_by_id: hold.createdById,
      created_by_email: hold.createdByEmail,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

/** Releases an active hold; null when there is none with that id (unknown or already released). */
export const releaseLegalHold = async (
  id: string,
  by: Readonly<{ id: string | null; email: string | null }>,
  db: Sql = getSql(),
): Promise<{ connector_id: string; user_account_id: string | null } | null> =>
  (await db
    .updateTable("legal_holds")
    .set({ released_at: new Date(), released_by_id: by.id, released_by_email: by.email })
    .where("id", "=", id)
    .where("released_at", "is", null)
    .returning(["connector_id", "user_account_id"])
    .executeTakeFirst()) ?? null;

/** Finds an Atlassian account of the connector by account id or email (case-insensitive). */
export const findAtlassianAccount = async (connectorId: string, user: string, db: Sql = getSql()) =>
  (await db
    .selectFrom("atlassian_users")
    .select(["account_id", "email", "name"])
    .where("connector_id", "=", connectorId)
    .where((eb) => eb.or([eb("account_id", "=", user), eb(sql`lower(email)`, "=", user.toLowerCase())]))
    .executeTakeFirst()) ?? null;

// Rows of a held connector or a held (connector, account) are kept past retention.
const heldBy = (connector: string, account: string) => sql<boolean>`EXISTS (
  SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.connector_id = ${sql.ref(connector)}
    AND (h.user_account_id IS NULL OR h.user_account_id = ${sql.ref(account)}))`;

// ---- Alerts (with comments, history and activity links, which cascade) and their emptied incidents ----

const closedAlertBefore = (cutoff: Date) =>
  sql<boolean>`(alerts.status IN ('resolved', 'dismissed') AND alerts.last_activity_at < ${cutoff}
    AND COALESCE(alerts.resolved_at, alerts.updated_at) < ${cutoff})`;
const alertHeld = heldBy("alerts.connector_id", "alerts.user_account_id");

export const countExpiredAlerts = async (cutoff: Date, db: Sql = getSql()): Promise<{ expired: number; kept: number }> => {
  const row = await db
    .selectFrom("alerts")
    .select([sql<string>`count(*) FILTER (WHERE NOT ${alertHeld})`.as("expired"), sql<string>`count(*) FILTER (WHERE ${alertHeld})`.as("kept")])
    .where(closedAlertBefore(cutoff))
    .executeTakeFirstOrThrow();
  return { expired: Number(row.expired), kept: Number(row.kept) };
};

export const deleteExpiredAlerts = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  deleteInBatches(() =>
    db
      .deleteFrom("alerts")
      .where("id", "in", (eb) => eb.selectFrom("alerts").select("id").where(closedAlertBefore(cutoff)).where(sql<boolean>`NOT ${alertHeld}`).limit(BATCH))
      .executeTakeFirst(),
  );

// Closed incidents past retention that no alert belongs to any more (the alert step deleted them all); a dry run
// counts those whose every alert that step would delete.
const incidentWithout = (alerts: RawBuilder<boolean>) =>
  sql<boolean>`NOT EXISTS (SELECT 1 FROM alerts WHERE alerts.incident_id = incidents.id AND ${alerts})`;
const closedIncidentBefore = (cutoff: Date) => sql<boolean>`(incidents.status IN ('resolved', 'dismissed') AND incidents.last_activity_at < ${cutoff})`;

export const deleteEmptyIncidents = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  deleteInBatches(() =>
    db
      .deleteFrom("incidents")
      .where("id", "in", (eb) =>
        eb.selectFrom("incidents").select("id").where(closedIncidentBefore(cutoff)).where(incidentWithout(sql<boolean>`true`)).limit(BATCH),
      )
      .executeTakeFirst(),
  );

export const countExpiringIncidents = async (cutoff: Date, db: Sql = getSql()): Promise<number> => {
  const remains = sql<boolean>`NOT (${closedAlertBefore(cutoff)} AND NOT ${alertHeld})`;
  const row = await db
    .selectFrom("incidents")
    .select(sql<string>`count(*)`.as("n"))
    .where(closedIncidentBefore(cutoff))
    .where(incidentWithout(remains))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

// ---- Governance log and notification deliveries: finished work only ----

const finishedGovernanceBefore = (cutoff: Date) => (eb: ExpressionBuilder<DB, "governance_actions">) =>
  eb.and([
    eb("governance_actions.status", "in", ["succeeded", "failed"]),
    eb(sql`COALESCE(governance_actions.completed_at, governance_actions.updated_at)`, "<", cutoff),
    eb.not(heldBy("governance_actions.connector_id", "governance_actions.account_id")),
  ]);

export const countExpiredGovernance = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  Number((await db.selectFrom("governance_actions").select(sql<string>`count(*)`.as("n")).where(finishedGovernanceBefore(cutoff)).executeTakeFirstOrThrow()).n);

export const deleteExpiredGovernance = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  deleteInBatches(() =>
    db
      .deleteFrom("governance_actions")
      .where("id", "in", (eb) => eb.selectFrom("governance_actions").select("id").where(finishedGovernanceBefore(cutoff)).limit(BATCH))
      .executeTakeFirst(),
  );

const finishedDeliveriesBefore = (cutoff: Date) => (eb: ExpressionBuilder<DB, "notification_deliveries">) =>
  eb.and([eb("notification_deliveries.status", "in", ["succeeded", "failed"]), eb("notification_deliveries.created_at", "<", cutoff)]);

export const countExpiredDeliveries = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  Number((await db.selectFrom("notification_deliveries").select(sql<string>`count(*)`.as("n")).where(finishedDeliveriesBefore(cutoff)).executeTakeFirstOrThrow()).n);

export const deleteExpiredDeliveries = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  deleteInBatches(() =>
    db
      .deleteFrom("notification_deliveries")
      .where("id", "in", (eb) => eb.selectFrom("notification_deliveries").select("id").where(finishedDeliveriesBefore(cutoff)).limit(BATCH))
      .executeTakeFirst(),
  );

export const countExpiredAuditEvents = async (cutoff: Date, db: Sql = getSql()): Promise<number> =>
  Number((await db.selectFrom("audit_events").select(sql<string>`count(*)`.as("n")).where("at", "<", cutoff).executeTakeFirstOrThrow()).n);

// Short transactions: each batch commits on its own, so a run never holds locks for long and a crash loses nothing
// but the batch under way (the next run takes it again).
const deleteInBatches = async (deleteBatch: () => Promise<{ numDeletedRows: bigint }>): Promise<number> => {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteBatch()).numDeletedRows);
    total += deleted;
    if (deleted < BATCH) return total;
  }
};

// One-key advisory lock of the retention run: a second worker (or "Run now" while the daily run is under way) skips
// instead of racing over the same partitions. Session-level, on a connection held for the run.
const RETENTION_LOCK = 230_001;

/** Runs `run` holding the retention lock; null without running when another run holds it. */
export const withRetentionLock = async <T>(run: () => Promise<T>, db: Sql = getSql()): Promise<T | null> =>
  db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(${RETENTION_LOCK}) AS locked`.execute(conn);
    if (!rows[0]?.locked) return null;
    try {
      return await run();
    } finally {
      await sql`SELECT pg_advisory_unlock(${RETENTION_LOCK})`.execute(conn);
    }
  });
