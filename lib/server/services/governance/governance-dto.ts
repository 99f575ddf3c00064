import type { TGovernanceActionDto, TTriggeredBy } from "../../../shared/schemas/governance";
import type { GovernanceActionRow } from "../../repositories/governance-repository";

const triggeredByOf = (row: GovernanceActionRow): TTriggeredBy => {
  if (row.triggeredByKind === "policy") return { kind: "policy", policyKey: row.triggeredByPolicyKey ?? "", policyName: row.triggeredByPolicyName ?? "" };
  if (row.triggeredByKind === "person") return { kind: "person", userId: row.triggeredById, email: row.triggeredByEmail ?? "" };
  return { kind: "system", reason: row.reason };
};

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** A governance log entry as the API returns it. */
export const toGovernanceActionDto = (row: GovernanceActionRow): TGovernanceActionDto => {
  const revertedBy = row.reverts[0]?.id;
  return {
    id: row.id,
    action: row.action,
    connectorId: row.connectorId,
    accountId: row.accountId,
    user: { email: row.userEmail, name: row.userName },
    status: row.status,
    ...(row.error ? { error: row.error } : {}),
    attempts: row.attempts,
    reason: row.reason,
    triggeredBy: triggeredByOf(row),
    ...(row.alertId ? { alertId: row.alertId } : {}),
    result: asRecord(row.result),
    ...(row.autoRestoreAt ? { autoRestoreAt: row.autoRestoreAt.toISOString() } : {}),
    ...(row.revertOfId ? { revertOfId: row.revertOfId } : {}),
    ...(revertedBy ? { revertedById: revertedBy } : {}),
    revertible: row.action === "suspend_user" && row.status === "succeeded" && !revertedBy,
    createdAt: row.createdAt.toISOString(),
    ...(row.completedAt ? { completedAt: row.completedAt.toISOString() } : {}),
  };
};
