import type { TLegalHoldDto, TRetentionDto } from "../../../shared/schemas/retention";
import { listAuditEvents } from "../../repositories/audit-repository";
import { listLegalHolds, type LegalHoldRow } from "../../repositories/retention-repository";
import { loadRetentionPeriods } from "./plan-retention";

export const toLegalHoldDto = (row: LegalHoldRow): TLegalHoldDto => ({
  id: row.id,
  connectorId: row.connector_id,
  connectorName: row.connector_name,
  userAccountId: row.user_account_id,
  userLabel: row.user_account_id ? (row.user_email ?? row.user_name ?? null) : null,
  reason: row.reason,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by_email,
  releasedAt: row.released_at?.toISOString() ?? null,
  releasedBy: row.released_by_email,
});

/** Settings → Data retention: the periods, the holds and the last five runs (from the portal audit log). */
export const getRetention = async (): Promise<TRetentionDto> => {
  const [periods, holds, runs] = await Promise.all([loadRetentionPeriods(), listLegalHolds(), listAuditEvents({ limit: 5, action: "retention.run" })]);
  return {
    periods,
    holds: holds.map(toLegalHoldDto),
    lastRuns: runs.rows.map((row) => ({ at: row.at.toISOString(), actor: row.actorEmail, details: (row.details ?? {}) as Record<string, unknown> })),
  };
};
