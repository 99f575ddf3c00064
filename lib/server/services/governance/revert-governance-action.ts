import { AppError } from "../../../shared/errors";
import type { TGovernanceActionDto } from "../../../shared/schemas/governance";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { confirmSuspension, findGovernanceAction, insertGovernanceAction, type GovernanceActionRow } from "../../repositories/governance-repository";
import type { Principal } from "../principal";
import { toGovernanceActionDto } from "./governance-dto";

type Options = Readonly<{ actor: Principal; id: string }>;

const getOrThrow = async (id: string): Promise<GovernanceActionRow> => {
  const row = await findGovernanceAction(id);
  if (!row) throw new AppError("not_found", "No governance action has this id");
  return row;
};

/** The portal audit event of a person's decision about a governance action on an Atlassian account. */
const auditDecision = (actor: Principal, original: GovernanceActionRow, action: "governance.action_reverted" | "governance.suspension_confirmed", details: Record<string, string | number | boolean | null>) =>
  appendAuditEvent({
    action,
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "atlassian_user",
    targetId: original.accountId,
    targetName: original.userEmail ?? original.accountId,
    ip: actor.ip,
    details,
  });

/**
 * POST /api/v1/governance-actions/{id}/revert: queues unsuspend_user (restore-access) for a succeeded
 * suspension. Only suspensions can be undone: a notice cannot be unsent, revoked API tokens cannot be restored.
 */
export const revertGovernanceAction = async ({ actor, id }: Options): Promise<TGovernanceActionDto> => {
  const original = await getOrThrow(id);
  if (original.action !== "suspend_user") {
    throw new AppError("bad_request", "Only a suspension can be reverted: a notice cannot be unsent and revoked API tokens cannot be restored");
  }
  if (original.status !== "succeeded") throw new AppError("bad_request", `Only a succeeded suspension can be reverted; this one is ${original.status}`);
  if (original.reverts.length > 0) throw new AppError("bad_request", "This suspension is already reverted (or its revert is queued)");
  const row = await insertGovernanceAction(
    {
      action: "unsuspend_user",
      connectorId: original.connectorId,
      accountId: original.accountId,
      userEmail: original.userEmail,
      userName: original.userName,
      alertId: original.alertId,
      reason: `Revert of the suspension of ${original.createdAt.toISOString()} (${original.reason})`.slice(0, 2000),
      triggeredByKind: "person",
      triggeredById: actor.userId,
      triggeredByEmail: actor.email,
      revertOfId: original.id,
    },
    original.alertId ? { id: actor.userId, email: actor.email, name: actor.name } : undefined,
  );
  await auditDecision(actor, original, "governance.action_reverted", { governanceActionId: row.id, revertOfId: original.id, action: "unsuspend_user" });
  return toGovernanceActionDto(row);
};

/** POST /api/v1/governance-actions/{id}/confirm: the suspension stays; its automatic restore is cancelled. */
export const confirmGovernanceAction = async ({ actor, id }: Options): Promise<TGovernanceActionDto> => {
  const original = await getOrThrow(id);
  if (original.action !== "suspend_user") throw new AppError("bad_request", "Only a suspension with automatic restore can be confirmed");
  if (!(await confirmSuspension(id, actor.email))) {
    throw new AppError("bad_request", "This suspension has no automatic restore pending (it was confirmed, restored or reverted already, or never had one)");
  }
  await auditDecision(actor, original, "governance.suspension_confirmed", { governanceActionId: id });
  return toGovernanceActionDto(await getOrThrow(id));
};
