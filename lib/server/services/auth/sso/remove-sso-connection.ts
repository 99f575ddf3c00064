import { AppError } from "../../../../shared/errors";
import type { TSsoProtocol, TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { deleteSsoConfig, findSsoConfig, listSsoConfigs } from "../../../repositories/sso-config-repository";
import type { Principal } from "../../principal";
import { getSsoSettings } from "./sso-config";

/**
 * Removes a connection; audited. The policy lives on the connection rows, so removing the last one also ends
 * Require SSO (password sign-in works again for everyone): the audit entry says so.
 */
export const removeSsoConnection = async (options: Readonly<{ actor: Principal; protocol: TSsoProtocol }>): Promise<TSsoSettingsDto> => {
  const { actor, protocol } = options;
  const existing = await findSsoConfig(protocol);
  if (!existing) throw new AppError("not_found", `No ${protocol === "saml" ? "SAML" : "OpenID Connect"} connection is configured`);
  await deleteSsoConfig(protocol);
  const isLast = (await listSsoConfigs()).length === 0;
  await appendAuditEvent({
    action: "sso.removed",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "sso",
    targetName: existing.displayName,
    ip: actor.ip,
    details: { protocol, issuer: existing.issuer, requireSsoSwitchedOff: isLast && existing.requireSso },
  });
  return getSsoSettings();
};
