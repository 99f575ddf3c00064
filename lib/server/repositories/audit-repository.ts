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
}>;

export const appendAuditEvent = async (entry: AuditEntry): Promise<void> => {
  await getDb().auditEvent.create({ data: { ...entry, details: entry.details as Prisma.InputJsonValue | undefined }, select: { id: true } });
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
