import { getEnv } from "../../../env";
import { buildUserNotice } from "../../../governance/user-notice";
import { sendUserNotice } from "../notifications/send-user-notice";
import { findAlertForGovernance } from "../../repositories/alert-lookup-repository";
import { findConnectorName } from "../../repositories/connector-repository";
import type { GovernanceActionRow } from "../../repositories/governance-repository";
import { PermanentGovernanceError } from "./atlassian-effects";

/**
 * notify_user: emails the user (and, if asked, posts to the chat channels) what was seen and whom to
 * contact. The contact is the person who triggered the action, else WATCHPOST_SECURITY_CONTACT.
 */
export const notifyUser = async (row: GovernanceActionRow): Promise<Record<string, unknown>> => {
  if (!row.userEmail) throw new PermanentGovernanceError("The user has no email address in the directory: nobody to notify");
  const [alert, orgName] = await Promise.all([row.alertId ? findAlertForGovernance(row.alertId) : null, findConnectorName(row.connectorId)]);
  const contact = (row.triggeredByKind === "person" ? row.triggeredByEmail : null) ?? getEnv().WATCHPOST_SECURITY_CONTACT ?? null;
  const notice = buildUserNotice({ userName: row.userName, orgName: orgName ?? "your organization", alert, reason: row.reason, contact });
  const options = (row.options ?? {}) as { chat?: unknown };
  const { channels } = await sendUserNotice({ toEmail: row.userEmail, toName: row.userName, subject: notice.subject, text: notice.text, chat: options.chat === true });
  return { to: row.userEmail, channels, subject: notice.subject };
};
