import { governanceBlockReason } from "../../../shared/atlassian-scopes";
import { AppError } from "../../../shared/errors";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto, type TGovernanceActionInput } from "../../../shared/schemas/governance";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { findAlertForGovernance } from "../../repositories/alert-lookup-repository";
import { findConnectorUser, listConnectorNamesOfAccount } from "../../repositories/atlassian-user-repository";
import { findConnectorNameAndScopes } from "../../repositories/connector-repository";
import { insertGovernanceAction } from "../../repositories/governance-repository";
import type { Principal } from "../principal";
import { toGovernanceActionDto } from "./governance-dto";

export type RequestGovernanceActionOptions = Readonly<{ actor: Principal; input: TGovernanceActionInput }>;

const refuse = (field: string, message: string) => new AppError("bad_request", message, [{ name: field, reason: message }]);

/** The target must be a user of the connector named, and the alert (if any) about that user there. */
const checkTarget = async ({ connectorId, accountId, alertId, action }: TGovernanceActionInput) => {
  const connector = await findConnectorNameAndScopes(connectorId);
  if (!connector) throw refuse("connectorId", "Unknown connector: no connector has this id");
  const connectorName = connector.name;
  // Refused at once rather than queued for a 403: the key was probed and lacks what the action calls.
  const blocked = governanceBlockReason(action, connector.missingScopes);
  if (blocked) throw refuse("action", `${GOVERNANCE_ACTION_LABELS[action]} is unavailable on "${connectorName}": ${blocked}`);
  const user = await findConnectorUser(connectorId, accountId);
  if (!user) {
    const elsewhere = await listConnectorNamesOfAccount(accountId);
    throw refuse(
      "accountId",
      elsewhere.length > 0
        ? `Account ${accountId} is a user of another connector (${elsewhere.join(", ")}), not of "${connectorName}": act on it through its own connector`
        : `Account ${accountId} is not a user of connector "${connectorName}" (not in its synced directory)`,
    );
  }
  if (action === "notify_user" && !user.email) throw refuse("accountId", `Account ${accountId} has no email address in the directory: it cannot be notified`);
  if (alertId) {
    const alert = await findAlertForGovernance(alertId);
    if (!alert) throw refuse("alertId", "Unknown alert: no alert has this id");
    if (alert.connectorId !== connectorId || alert.userAccountId !== accountId) {
      throw refuse("alertId", "The alert is about another user or connector: an action from an alert targets the alert's user");
    }
  }
  return { connectorName, user };
};

/**
 * Queues a governance action requested by an analyst or admin (202: the govern loop runs it within a
 * second). Suspending a suspended user or unsuspending an active one is allowed: Atlassian's suspend-access
 * and restore-access are idempotent, and the directory Watchpost shows may be minutes old.
 */
export const requestGovernanceAction = async ({ actor, input }: RequestGovernanceActionOptions): Promise<TGovernanceActionDto> => {
  const { connectorName, user } = await checkTarget(input);
  const options: Record<string, unknown> = {};
  if (input.action === "suspend_user" && input.autoRestoreHours !== undefined) options.autoRestoreHours = input.autoRestoreHours;
  if (input.action === "notify_user") options.chat = input.chat ?? false;
  const row = await insertGovernanceAction(
    {
      action: input.action,
      connectorId: input.connectorId,
      accountId: input.accountId,
      userEmail: user.email,
      userName: user.name,
      alertId: input.alertId ?? null,
      reason: input.reason,
      triggeredByKind: "person",
      triggeredById: actor.userId,
      triggeredByEmail: actor.email,
      options,
    },
    { id: actor.userId, email: actor.email, name: actor.name },
  );
  await appendAuditEvent({
    action: "governance.action_requested",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "atlassian_user",
    targetId: input.accountId,
    targetName: user.email ?? user.name ?? input.accountId,
    ip: actor.ip,
    details: {
      governanceActionId: row.id,
      action: input.action,
      label: GOVERNANCE_ACTION_LABELS[input.action],
      connector: connectorName,
      alertId: input.alertId ?? null,
      reason: input.reason,
      autoRestoreHours: input.autoRestoreHours ?? null,
    },
  });
  return toGovernanceActionDto(row);
};
