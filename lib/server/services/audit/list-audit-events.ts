import type { TAuditEventDto, TAuditQuery } from "../../../shared/schemas/audit";
import { listAuditEvents as selectAuditEvents } from "../../repositories/audit-repository";

/** One page of the portal audit trail, newest first. */
export const listAuditEvents = async (query: TAuditQuery): Promise<{ data: TAuditEventDto[]; nextCursor: string | null }> => {
  const { rows, nextBeforeId } = await selectAuditEvents({
    beforeId: query.cursor ? BigInt(query.cursor) : undefined,
    limit: query.limit,
    action: query.action,
  });
  return {
    data: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      action: r.action,
      actorEmail: r.actorEmail,
      targetType: r.targetType,
      targetName: r.targetName,
      ip: r.ip,
      details: (r.details as Record<string, unknown> | null) ?? null,
    })),
    nextCursor: nextBeforeId?.toString() ?? null,
  };
};
