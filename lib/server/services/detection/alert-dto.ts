import type { TAlertListItemDto } from "../../../shared/schemas/alerts";
import type { AlertRow } from "../../repositories/alert-repository";

export const toAlertDto = (r: AlertRow): TAlertListItemDto => ({
  id: r.id,
  policyKey: r.policyKey,
  policyName: r.policyName,
  severity: r.severity,
  status: r.status,
  connectorId: r.connectorId,
  user: { accountId: r.userAccountId, email: r.userEmail, name: r.userName },
  title: r.title,
  explanation: r.explanation,
  details: (r.details ?? {}) as Record<string, unknown>,
  activityIds: r.activitySeqs.map((s) => s.toString()),
  activityCount: r.activityCount,
  firstActivityAt: r.firstActivityAt.toISOString(),
  lastActivityAt: r.lastActivityAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  assignee: r.assignee ? { id: r.assignee.id, name: r.assignee.name, email: r.assignee.email } : null,
  classification: r.classification,
  resolutionReason: r.resolutionReason,
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
  incident: r.incident ?? null,
});
