import type { TAuditAction } from "../../shared/schemas/audit";
import { sql } from "kysely";
import type { Prisma } from "../../generated/prisma/client";
import { getDb, getSql, type Db } from "../db";
import { executeInTransaction, queryInTransaction } from "./transaction-sql";

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

export const appendAuditEvent = async (entry: AuditEntry, db: Db = getDb()): Promise<void> => {
  await db.auditEvent.create({ data: { ...entry, details: entry.details as Prisma.InputJsonValue | undefined }, select: { id: true } });
};

// Two-key advisory lock space 3 (1 and 2 are the sign-in throttle's): one collapsing writer per key.
const COLLAPSE_LOCK = 3;

/**
 * Appends an event, or counts it on the newest event of the same action and `collapseKey` written since
 * `since` (details.attempts, details.lastAttemptAt): a flood of identical events becomes one row per window.
 */
export const appendCollapsedAuditEvent = async (
  options: Readonly<{ entry: AuditEntry; collapseKey: string; since: Date; at: Date }>,
  db: Db = getDb(),
): Promise<void> => {
  const { entry, collapseKey, since, at } = options;
  await db.$transaction(async (tx) => {
    // A fragment: an advisory lock is a function call, not a table the builder knows (selected FROM it: Prisma's raw path cannot read a void column); transaction-sql.ts says why not tx.$kysely.
    await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${COLLAPSE_LOCK}::int, hashtext(${collapseKey}))`);
    const stored = sql.ref("details");
    const update = getSql()
      .updateTable("audit_events")
      // A fragment: a jsonb merge with a computed counter, which the builder has no words for.
      .set({ details: sql`${stored} || jsonb_build_object('attempts', COALESCE((${stored}->>'attempts')::int, 1) + 1, 'lastAttemptAt', ${at.toISOString()}::text)` })
      .where("id", "=", (eb) =>
        eb
          .selectFrom("audit_events")
          .select("id")
          .where("at", ">=", since)
          .where("action", "=", entry.action)
          // details is untyped jsonb: its key is read as text by a fragment.
          .where(sql<string>`${stored}->>'collapseKey'`, "=", collapseKey)
          .orderBy("at", "desc")
          .limit(1),
      );
    if ((await executeInTransaction(tx, update)) > 0) return;
    const details = { ...entry.details, collapseKey, attempts: 1, lastAttemptAt: at.toISOString() };
    await tx.auditEvent.create({ data: { ...entry, at, details }, select: { id: true } });
  });
};

const PRUNE_BATCH = 10_000;

/** Deletes events older than `before`, in batches so that a first prune of a large table holds no long lock. */
export const pruneAuditEvents = async (before: Date, db: Db = getDb()): Promise<number> => {
  let total = 0;
  for (;;) {
    const result = await db.$kysely
      .deleteFrom("audit_events")
      .where("id", "in", (eb) => eb.selectFrom("audit_events").select("id").where("at", "<", before).limit(PRUNE_BATCH))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < PRUNE_BATCH) return total;
  }
};

/** Newest first, keyset-paginated by id. */
export const listAuditEvents = async (options: Readonly<{ beforeId?: bigint; limit: number; action?: TAuditAction }>, db: Db = getDb()) => {
  const rows = await db.auditEvent.findMany({
    where: { ...(options.beforeId ? { id: { lt: options.beforeId } } : {}), ...(options.action ? { action: options.action } : {}) },
    orderBy: { id: "desc" },
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return { rows: page, nextBeforeId: rows.length > options.limit && last ? last.id : null };
};
