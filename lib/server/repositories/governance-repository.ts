import type { GovernanceActionKind, Prisma, WorkStatus } from "../../generated/prisma/client";
import { getDb, getPgPool } from "../db";

// The governance log (governance_actions): an outbox the govern job works through, and the history the
// UI and GET /api/v1/governance-log show. Rows are never deleted; status moves pending → succeeded | failed.

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
export const insertGovernanceAction = async (data: NewGovernanceAction, alertActor?: AlertEventActor): Promise<GovernanceActionRow> =>
  getDb().$transaction(async (tx) => {
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

export const findGovernanceAction = (id: string): Promise<GovernanceActionRow | null> =>
  getDb().governanceAction.findUnique({ where: { id }, select: SELECT });

export const findGovernanceActions = (ids: readonly string[]): Promise<GovernanceActionRow[]> =>
  getDb().governanceAction.findMany({ where: { id: { in: [...ids] } }, select: SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

export type GovernanceLogFilters = Readonly<{
  connectorId?: string;
  accountId?: string;
  alertId?: string;
  action?: GovernanceActionKind;
  status?: WorkStatus;
}>;

/** Newest first; keyset after (createdAt, id) of the previous page's last row; `limit + 1` rows tell if more follow. */
export const listGovernanceActions = async (options: Readonly<{ filters: GovernanceLogFilters; after?: { createdAt: Date; id: string }; limit: number }>) => {
  const { filters, after, limit } = options;
  const rows = await getDb().governanceAction.findMany({
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

// Due pending actions, oldest first. Changing access keeps its order per user: a suspend_user or
// unsuspend_user waits while an older one of the same user is pending (or running on another worker).
// The claim is a lease: next_attempt_at moves past the run, and claimed_by names the worker's presence key, so
// a dead worker's action is due again as soon as its presence lock is gone (worker-presence-repository.ts).
const CLAIM_SQL = `
  UPDATE governance_actions g SET attempts = g.attempts + 1, next_attempt_at = clock_timestamp() + make_interval(secs => $2),
    claimed_by = $3, updated_at = clock_timestamp()
  WHERE g.id IN (
    SELECT d.id FROM governance_actions d
    WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp()
      AND NOT (d.action IN ('suspend_user', 'unsuspend_user') AND EXISTS (
        SELECT 1 FROM governance_actions o
        WHERE o.connector_id = d.connector_id AND o.account_id = d.account_id AND o.status = 'pending'
          AND o.action IN ('suspend_user', 'unsuspend_user') AND (o.created_at, o.id) < (d.created_at, d.id)))
    ORDER BY d.created_at, d.id LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING g.id::text`;

/**
 * Claims up to `limit` due actions for `leaseSeconds` (attempts counts the claim) on behalf of the worker whose
 * presence key is `claimant` (null: only the lease frees it); returns them oldest first.
 */
export const claimDueGovernanceActions = async (limit: number, leaseSeconds: number, claimant: number | null = null): Promise<GovernanceActionRow[]> => {
  const { rows } = await getPgPool().query<{ id: string }>(CLAIM_SQL, [limit, leaseSeconds, claimant]);
  return rows.length ? findGovernanceActions(rows.map((r) => r.id)) : [];
};

/** Records the outcome of a run; an auto-restore time only for a succeeded suspension that asked for one. */
export const completeGovernanceAction = async (
  id: string,
  outcome: Readonly<{ status: "succeeded" | "failed"; result: Record<string, unknown>; error: string | null; autoRestoreAt?: Date | null }>,
): Promise<void> => {
  await getDb().governanceAction.update({
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
export const scheduleGovernanceRetry = async (id: string, retry: Readonly<{ error: string; nextAttemptAt: Date; result?: Record<string, unknown> }>) => {
  await getDb().governanceAction.update({
    where: { id },
    data: { error: retry.error, nextAttemptAt: retry.nextAttemptAt, claimedBy: null, ...(retry.result ? { result: retry.result as Prisma.InputJsonValue } : {}) },
    select: { id: true },
  });
};

// Suspensions whose automatic restore is due and that nobody confirmed or reverted: one unsuspend_user each
// (the dedupe key makes it once), and the suspension's auto_restore_at is cleared as it is now handled.
const QUEUE_AUTO_RESTORES_SQL = `
  WITH due AS (
    SELECT g.id FROM governance_actions g
    WHERE g.action = 'suspend_user' AND g.status = 'succeeded' AND g.auto_restore_at <= clock_timestamp()
      AND NOT EXISTS (SELECT 1 FROM governance_actions r WHERE r.revert_of_id = g.id AND r.status IN ('pending', 'succeeded'))
    LIMIT $1 FOR UPDATE SKIP LOCKED
  ), inserted AS (
    INSERT INTO governance_actions (id, action, connector_id, account_id, user_email, user_name, alert_id, reason, triggered_by_kind,
      revert_of_id, dedupe_key, created_at, updated_at, next_attempt_at)
    SELECT gen_random_uuid(), 'unsuspend_user', g.connector_id, g.account_id, g.user_email, g.user_name, g.alert_id,
      'Automatic restore: the suspension was not confirmed within ' || (g.options->>'autoRestoreHours') || ' hours', 'system',
      g.id, 'auto-restore:' || g.id, clock_timestamp(), clock_timestamp(), clock_timestamp()
    FROM governance_actions g JOIN due ON due.id = g.id
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING 1
  )
  UPDATE governance_actions SET auto_restore_at = NULL, updated_at = clock_timestamp() WHERE id IN (SELECT id FROM due)
  RETURNING (SELECT count(*) FROM inserted)::int AS queued`;

/** Queues the due automatic restores; returns how many were queued. */
export const queueDueAutoRestores = async (limit = 100): Promise<number> => {
  const { rows } = await getPgPool().query<{ queued: number }>(QUEUE_AUTO_RESTORES_SQL, [limit]);
  return rows[0]?.queued ?? 0;
};

/**
 * Confirms a suspension: no automatic restore. A suspension still pending loses its autoRestoreHours so the
 * worker will not set one. Returns false when there was nothing to confirm (raced with the restore).
 */
export const confirmSuspension = async (id: string, confirmedBy: string): Promise<boolean> =>
  getDb().$transaction(async (tx) => {
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

/** The synced directory entry of an account in one connector. */
export const findConnectorUser = (connectorId: string, accountId: string) =>
  getDb().atlassianUser.findUnique({
    where: { connectorId_accountId: { connectorId, accountId } },
    select: { accountId: true, email: true, name: true, status: true },
  });

/** Names of the connectors whose directory has this account (to say where a user belongs). */
export const listConnectorNamesOfAccount = async (accountId: string): Promise<string[]> =>
  (await getDb().atlassianUser.findMany({ where: { accountId }, select: { connector: { select: { name: true } } }, take: 5 })).map((u) => u.connector.name);

/** Mirrors a change of access into the synced directory at once (the next directory sync confirms it). */
export const setConnectorUserStatus = async (connectorId: string, accountId: string, status: "active" | "suspended"): Promise<void> => {
  await getDb().atlassianUser.updateMany({ where: { connectorId, accountId, status: { not: "deactivated" } }, data: { status } });
};

export const findConnectorForGovernance = (id: string) =>
  getDb().connector.findUnique({
    where: { id },
    select: { id: true, name: true, baseUrl: true, orgId: true, apiKeyCiphertext: true, rateBucketKey: true, apiKeyExpiresAt: true, missingScopes: true },
  });

export const findConnectorName = async (id: string): Promise<string | null> =>
  (await getDb().connector.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;

/** The connector's name with the scopes its API key lacks (governance refuses actions the key cannot do). */
export const findConnectorNameAndScopes = (id: string) => getDb().connector.findUnique({ where: { id }, select: { name: true, missingScopes: true } });

/** What governance needs of an alert: whose it is and what it says. */
export const findAlertForGovernance = (id: string) =>
  getDb().alert.findUnique({ where: { id }, select: { id: true, connectorId: true, userAccountId: true, title: true, explanation: true } });
