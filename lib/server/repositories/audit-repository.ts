import type { TAuditAction } from "../../shared/schemas/audit";
import type { Prisma } from "../../generated/prisma/client";
import { getDb } from "../db";

export type AuditEntry = Readonly<{
  action: TAuditAction;
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string;
  targetId?: string;
  targetName?: string;
  ip?: string | null;
  details?: Record<string, string | number | boolean | null>;
  /** Defaults to now. */
  at?: Date;
}>;

export const appendAuditEvent = async (entry: AuditEntry): Promise<void> => {
  await getDb().auditEvent.create({ data: { ...entry, details: entry.details as Prisma.InputJsonValue | undefined }, select: { id: true } });
};

// Two-key advisory lock space 3 (1 and 2 are the sign-in throttle's): one collapsing writer per key.
const COLLAPSE_LOCK = 3;

/**
 * Appends an event, or counts it on the newest event of the same action and `collapseKey` written since
 * `since` (details.attempts, details.lastAttemptAt): a flood of identical events becomes one row per window.
 */
export const appendCollapsedAuditEvent = async (options: Readonly<{ entry: AuditEntry; collapseKey: string; since: Date; at: Date }>): Promise<void> => {
  const { entry, collapseKey, since, at } = options;
  await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${COLLAPSE_LOCK}::int, hashtext(${collapseKey}))`;
    const updated = await tx.$executeRaw`
      UPDATE audit_events
      SET details = details || jsonb_build_object('attempts', COALESCE((details->>'attempts')::int, 1) + 1, 'lastAttemptAt', ${at.toISOString()}::text)
      WHERE id = (
        SELECT id FROM audit_events
        WHERE at >= ${since} AND action = ${entry.action} AND details->>'collapseKey' = ${collapseKey}
        ORDER BY at DESC LIMIT 1
      )`;
    if (updated > 0) return;
    const details = { ...entry.details, collapseKey, attempts: 1, lastAttemptAt: at.toISOString() };
    await tx.auditEvent.create({ data: { ...entry, at, details }, select: { id: true } });
  });
};

const PRUNE_BATCH = 10_000;

/** Deletes events older than `before`, in batches so that a first prune of a large table holds no long lock. */
export const pruneAuditEvents = async (before: Date): Promise<number> => {
  let total = 0;
  for (;;) {
    const deleted = await getDb().$executeRaw`
      DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ${before} LIMIT ${PRUNE_BATCH})`;
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
  }
};

/** Newest first, keyset-paginated by id. */
export const listAuditEvents = async (options: Readonly<{ beforeId?: bigint; limit: number; action?: TAuditAction }>) => {
  const rows = await getDb().auditEvent.findMany({
    where: { ...(options.beforeId ? { id: { lt: options.beforeId } } : {}), ...(options.action ? { action: options.action } : {}) },
    orderBy: { id: "desc" },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return { rows: page, nextBeforeId: rows.length > options.limit && last ? last.id : null };
};
