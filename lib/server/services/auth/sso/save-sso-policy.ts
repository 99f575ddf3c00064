import { AppError } from "../../../../shared/errors";
import type { TSsoPolicyInput, TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { listSsoConfigs, updateSsoPolicy } from "../../../repositories/sso-config-repository";
import { countBreakGlassAdmins } from "../../../repositories/user-sso-repository";
import type { Principal } from "../../principal";
import { getSsoSettings, roleMappingsOf } from "./sso-config";

/**
 * Role mappings (ordered), the default role and Require SSO. Requiring SSO needs an enabled break-glass admin first:
 * otherwise an IdP outage or a wrong mapping would lock every admin out.
 */
export const saveSsoPolicy = async (options: Readonly<{ actor: Principal; input: TSsoPolicyInput }>): Promise<TSsoSettingsDto> => {
  const { actor, input } = options;
  const connections = await listSsoConfigs();
  const existing = connections[0];
  if (!existing) throw new AppError("conflict", "Configure the identity provider first");
  const groups = input.roleMappings.map((m) => m.group);
  const duplicate = groups.find((g, i) => groups.indexOf(g) !== i);
  if (duplicate !== undefined) {
    const index = groups.lastIndexOf(duplicate);
    throw new AppError("validation_failed", `The group ${duplicate} is mapped twice: only the first mapping would ever apply`, [{ name: `roleMappings.${index}.group`, reason: "This group is already mapped above" }]);
  }
  if (input.requireSso && !existing.requireSso && (await countBreakGlassAdmins()) === 0) {
    const message = "Mark at least one enabled admin as break-glass before requiring single sign-on";
    throw new AppError("conflict", message, [{ name: "requireSso", reason: message }]);
  }
  await updateSsoPolicy({ roleMappings: input.roleMappings, defaultRole: input.defaultRole, requireSso: input.requireSso, updatedById: actor.userId });
  const before = roleMappingsOf(existing);
  await appendAuditEvent({
    action: "sso.policy_changed",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "sso",
    targetName: connections.map((c) => c.displayName).join(", "),
    ip: actor.ip,
    details: {
      roleMappings: input.roleMappings.map((m) => `${m.group} → ${m.role}`).join("; ") || "(none)",
      isMappingChanged: JSON.stringify(before) !== JSON.stringify(input.roleMappings),
      defaultRole: input.defaultRole ?? "(refuse)",
      requireSso: input.requireSso,
    },
  });
  return getSsoSettings();
};
