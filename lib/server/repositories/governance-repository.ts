import { sql } from "kysely";
import { GovernanceActionKind as ActionKind, WorkStatus as Status } from "../../generated/kysely/types";
import type { GovernanceActionKind, Prisma, WorkStatus } from "../../generated/prisma/client";
import { getDb, getSql, type Db, type Sql } from "../db";

// The governance log (governance_actions): an outbox the govern job works through, and the history the
// UI and GET /api/v1/governance-log show. Rows are never deleted; status moves pending → succeeded | failed.
// The claim and the automatic restores run on the pg pool (as before); the rest through Prisma.

const SELECT = {
  id: true,
  action: true,
  connectorId: true,
  accountId: true,
  userEmail: true,
  userName: true,
  alertId: true,
  reason: true,
  status: true,
  error: true,
  attempts: true,
  nextAttemptAt: true,
  triggeredByKind: true,
  triggeredById: true,
  triggeredByEmail: true,
  triggeredByPolicyKey: true,
  triggeredByPolicyName: true,
  options: true,
  result: true,
  autoRestoreAt: true,
  revertOfId: true,
  createdAt: true,
  completedAt: true,
  // The reverts that count (queued or done); a failed revert leaves the action revertible.
  reverts: { where: { status: { in: ["pending", "succeeded"] } }, select: { id: true }, orderBy: { createdAt: "desc" }, take: 1 },
} as const satisfies Prisma.GovernanceActionSelect;

export type GovernanceActionRow = Prisma.GovernanceActionGetPayload<{ select: typeof SELECT }>;

export type NewGovernanceAction = Readonly<{
  action: GovernanceActionKind;
  connectorId: string;
  accountId: string;
  userEmail: string | null;
  userName: string | null;
  alertId?: string | null;
  reason: string;
  triggeredByKind: "person" | "policy" | "system";
  triggeredById?: string | null;
  triggeredByEmail?: string | null;
  options?: Record<string, unknown>;
  revertOfId?: string | null;
  dedupeKey?: string | null;
}>;

export type AlertEventActor = Readonly<{ id: string | null; email: string | null; name: string | null }>;

/**
 * Inserts a pending action and, when it is about an alert, the alert's history row, in one transaction. A
 * revert also stops the original's automatic restore (it is being restored now).
 */
export const insertGovernanceAction = async (data: NewGovernanceAction, alertActor?: AlertEventActor, db: Db = getDb()): Promise<GovernanceActionRow> =>
  db.$transaction(async (tx) => {
    const row = await tx.governanceAction.create({
      data: { ...data, options: (data.options ?? {}) as Prisma.InputJsonValue },
      select: SELECT,
    });
    if (data.revertOfId) await tx.governanceAction.update({ where: { id: data.revertOfId }, data: { autoRestoreAt: null }, select: { id: true } });
    if (data.alertId && alertActor) {
      await tx.alertEvent.create({
        data: {
          alertId: data.alertId,
          actorId: alertActor.id,
          actorEmail: alertActor.email,
          actorName: alertActor.name,
          kind: "action_requested",
          detail: { action: data.action, governanceActionId: row.id },
        },
        select: { id: true },
      });
    }
    return row;
  });

export const findGovernanceAction = (id: string, db: Db = getDb()): Promise<GovernanceActionRow | null> =>
  db.governanceAction.findUnique({ where: { id }, select: SELECT });

export const findGovernanceActions = (ids: readonly string[], db: Db = getDb()): Promise<GovernanceActionRow[]> =>
  db.governanceAction.findMany({ where: { id: { in: [...ids] } }, select: SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

export type GovernanceLogFilters = Readonly<{
  connectorId?: string;
  accountId?: string;
  alertId?: string;
  action?: GovernanceActionKind;
  status?: WorkStatus;
}>;

/** Newest first; keyset after (createdAt, id) of the previous page's last row; `limit + 1` rows tell if more follow. */
export const listGovernanceActions = async (
  options: Readonly<{ filters: GovernanceLogFilters; after?: { createdAt: Date; id: string }; limit: number }>,
  db: Db = getDb(),
) => {
  const { filters, after, limit } = options;
  const rows = await db.governanceAction.findMany({
    where: {
      ...filters,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: SELECT,
  });
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
};

const ACCESS_CHANGES = [ActionKind.suspend_user, ActionKind.unsuspend_user];
const now = sql<Date>`clock_timestamp()`;

/**
 * Claims up to `limit` due actions for `leaseSeconds` (attempts counts the claim) on behalf of the worker whose
 * presence key is `claimant` (null: only the lease frees it); returns them oldest first.
 * Due pending actions, oldest first. Changing access keeps its order per user: a suspend_user or
 * unsuspend_user waits while an older one of the same user is pending (or running on another worker).
 * The claim is a lease: next_attempt_at moves past the run, and claimed_by names the worker's presence key, so
 * a dead worker's action is due again as soon as its presence lock is gone (worker-presence-repository.ts).
 */
export const claimDueGovernanceActions = async (
  limit: number,
  leaseSeconds: number,
  claimant: number | null = null,
  sqlDb: Sql = getSql(),
  db: Db = getDb(),
): Promise<GovernanceActionRow[]> => {
  const rows = await sqlDb
    .updateTable("governance_actions as g")
    .set((eb) => ({
      attempts: eb("g.attempts", "+", 1),
      next_attempt_at: sql<Date>`clock_timestamp() + make_interval(secs => ${leaseSeconds})`,
      claimed_by: claimant,
      updated_at: now,
    }))
    .where("g.id", "in", (eb) =>
      eb
        .selectFrom("governance_actions as d")
        .select("d.id")
        .where("d.status", "=", sql.lit(Status.pending))
        .where("d.next_attempt_at", "<=", now)
        .where(({ and, not, exists, selectFrom, eb: e }) =>
          not(
            and([
              e("d.action", "in", ACCESS_CHANGES.map((a) => sql.lit(a))),
              exists(
                selectFrom("governance_actions as o")
                  .select(sql.lit(1).as("one"))
                  .whereRef("o.connector_id", "=", "d.connector_id")
                  .whereRef("o.account_id", "=", "d.account_id")
                  .where("o.status", "=", sql.lit(Status.pending))
                  .where("o.action", "in", ACCESS_CHANGES.map((a) => sql.lit(a)))
                  .where((w) => w(w.refTuple("o.created_at", "o.id"), "<", w.refTuple("d.created_at", "d.id"))),
              ),
            ]),
          ),
        )
        .orderBy("d.created_at")
        .orderBy("d.id")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning((eb) => eb.cast<string>("g.id", "text").as("id"))
    .execute();
  return rows.length ? findGovernanceActions(rows.map((r) => r.id), db) : [];
};

/** Records the outcome of a run; an auto-restore time only for a succeeded suspension that asked for one. */
export const completeGovernanceAction = async (
  id: string,
  outcome: Readonly<{ status: "succeeded" | "failed"; result: Record<string, unknown>; error: string | null; autoRestoreAt?: Date | null }>,
  db: Db = getDb(),
): Promise<void> => {
  await db.governanceAction.update({
    where: { id },
    data: {
      status: outcome.status,
      result: outcome.result as Prisma.InputJsonValue,
      error: outcome.error,
      claimedBy: null,
      completedAt: new Date(),
      ...(outcome.autoRestoreAt !== undefined ? { autoRestoreAt: outcome.autoRestoreAt } : {}),
    },
    select: { id: true },
  });
};

/** Keeps the action pending, with the last error visible, until `nextAttemptAt`. */
export const scheduleGovernanceRetry = async (
  id: string,
  retry: Readonly<{ error: string; nextAttemptAt: Date; result?: Record<string, unknown> }>,
  db: Db = getDb(),
) => {
  await db.governanceAction.update({
    where: { id },
    data: { error: retry.error, nextAttemptAt: retry.nextAttemptAt, claimedBy: null, ...(retry.result ? { result: retry.result as Prisma.InputJsonValue } : {}) },
    select: { id: true },
  });
};

/**
 * Queues the due automatic restores; returns how many were queued. Suspensions whose automatic restore is due
 * and that nobody confirmed or reverted: one unsuspend_user each (the dedupe key makes it once), and the
 * suspension's auto_restore_at is cleared as it is now handled.
 */
export const queueDueAutoRestores = async (limit = 100, sqlDb: Sql = getSql()): Promise<number> => {
  const row = await sqlDb
    .with("due", (db) =>
      db
        .selectFrom("governance_actions as g")
        .select("g.id")
        .where("g.action", "=", sql.lit(ActionKind.suspend_user))
        .where("g.status", "=", sql.lit(Status.succeeded))
        .where("g.auto_restore_at", "<=", now)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("governance_actions as r")
                .select(sql.lit(1).as("one"))
                .whereRef("r.revert_of_id", "=", "g.id")
                .where("r.status", "in", [sql.lit(Status.pending), sql.lit(Status.succeeded)]),
            ),
          ),
        )
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .with("inserted", (db) =>
      db
        .insertInto("governance_actions")
        .columns([
          "id", "action", "connector_id", "account_id", "user_email", "user_name", "alert_id", "reason", "triggered_by_kind",
          "revert_of_id", "dedupe_key", "created_at", "updated_at", "next_attempt_at",
        ])
        .expression((eb) =>
          eb
            .selectFrom("governance_actions as g")
            .innerJoin("due", "due.id", "g.id")
            .select((s) => [
              sql<string>`gen_random_uuid()`.as("id"),
              sql.lit(ActionKind.unsuspend_user).as("action"),
              "g.connector_id",
              "g.account_id",
              "g.user_email",
              "g.user_name",
              "g.alert_id",
              // options is untyped jsonb: its key is read as text by a fragment.
              sql<string>`'Automatic restore: the suspension was not confirmed within ' || (${s.ref("g.options")}->>'autoRestoreHours') || ' hours'`.as("reason"),
              sql.lit("system").as("triggered_by_kind"),
              "g.id as revert_of_id",
              s(sql.lit("auto-restore:"), "||", s.ref("g.id")).as("dedupe_key"),
              now.as("created_at"),
              now.as("updated_at"),
              now.as("next_attempt_at"),
            ]),
        )
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .returning(sql.lit(1).as("one")),
    )
    .updateTable("governance_actions")
    .set({ auto_restore_at: null, updated_at: now })
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    .returning((eb) => eb.cast<number>(eb.selectFrom("inserted").select((s) => s.fn.countAll().as("n")), "integer").as("queued"))
    .executeTakeFirst();
  return row?.queued ?? 0;
};

/**
 * Confirms a suspension: no automatic restore. A suspension still pending loses its autoRestoreHours so the
 * worker will not set one. Returns false when there was nothing to confirm (raced with the restore).
 */
export const confirmSuspension = async (id: string, confirmedBy: string, db: Db = getDb()): Promise<boolean> =>
  db.$transaction(async (tx) => {
    const row = await tx.governanceAction.findUnique({ where: { id }, select: { options: true, autoRestoreAt: true, status: true } });
    const options = (row?.options ?? {}) as Record<string, unknown>;
    if (!row || (row.autoRestoreAt === null && !(row.status === "pending" && options.autoRestoreHours !== undefined))) return false;
    const { autoRestoreHours, ...rest } = options;
    const confirmed = await tx.governanceAction.updateMany({
      where: { id, OR: [{ autoRestoreAt: { not: null } }, { status: "pending" }] },
      data: {
        autoRestoreAt: null,
        options: { ...rest, confirmedBy, confirmedAt: new Date().toISOString(), autoRestoreHoursCancelled: autoRestoreHours ?? null } as Prisma.InputJsonValue,
      },
    });
    return confirmed.count > 0;
  });
