import type { TIncidentDto } from "../../../shared/schemas/incidents";
import type { IncidentRow } from "../../repositories/incident-repository";

export const toIncidentDto = (r: IncidentRow): TIncidentDto => ({
  id: r.id,
  connectorId: r.connectorId,
  user: { accountId: r.userAccountId, email: r.userEmail, name: r.userName },
  severity: r.severity,
  status: r.status,
  alertCount: r.alertCount,
  openAlertCount: r.openAlertCount,
  policies: r.policies,
  firstActivityAt: r.firstActivityAt.toISOString(),
  lastActivityAt: r.lastActivityAt.toISOString(),
  assignee: r.assignee,
  classification: r.classification,
  resolutionReason: r.resolutionReason,
  resolvedAt: r.resolvedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
