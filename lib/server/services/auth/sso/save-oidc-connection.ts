import { randomUUID } from "node:crypto";
import { AppError } from "../../../../shared/errors";
import { ZSaveOidcInput, type TSaveOidcInput, type TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { findSsoConfig, listSsoConfigs, upsertSsoConnection } from "../../../repositories/sso-config-repository";
import type { Principal } from "../../principal";
import { checkClient, checkJwks, discoverOidc, ssoTargetPolicy } from "./oidc-discovery";
import { getSsoSettings, openClientSecret, sealClientSecret, ssoPolicyOf, ssoRedirectUrl } from "./sso-config";

/**
 * Saves the OpenID Connect connection after checking it against the provider: discovery (reachable, the same
 * issuer, the code flow), its key set, and the client (a token request the provider answers invalid_client for a
 * wrong client ID or secret). Nothing is stored unless every check passes. An empty secret keeps the stored one.
 */
export const saveOidcConnection = async (options: Readonly<{ actor: Principal; input: TSaveOidcInput }>): Promise<TSsoSettingsDto> => {
  const input = ZSaveOidcInput.parse(options.input);
  const existing = await findSsoConfig("oidc");
  const id = existing?.id ?? randomUUID();
  const given = input.clientSecret?.trim();
  const clientSecret = given || (existing ? openClientSecret(existing.id, existing.clientSecretCiphertext) : "");
  if (!clientSecret) throw new AppError("validation_failed", "Client secret is required", [{ name: "clientSecret", reason: "Client secret is required" }]);

  const policy = ssoTargetPolicy();
  const metadata = await discoverOidc({ issuer: input.issuer, policy });
  await checkJwks(metadata, policy);
  await checkClient({ metadata, clientId: input.clientId, clientSecret, redirectUrl: ssoRedirectUrl(), policy });

  // A new connection starts with the policy already in force (the SAML connection's, if any).
  const inForce = ssoPolicyOf(await listSsoConfigs());
  await upsertSsoConnection("oidc", {
    id,
    displayName: input.displayName,
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecretCiphertext: given || !existing ? sealClientSecret(id, clientSecret) : existing.clientSecretCiphertext,
    scopes: input.scopes,
    groupsClaim: input.groupsClaim,
    metadata,
    updatedById: options.actor.userId,
  }, inForce ?? undefined);
  await appendAuditEvent({
    action: "sso.configured",
    actorId: options.actor.userId,
    actorEmail: options.actor.email,
    targetType: "sso",
    targetName: input.displayName,
    ip: options.actor.ip,
    details: { protocol: "oidc", issuer: metadata.issuer, clientId: input.clientId, isSecretChanged: Boolean(given) || !existing },
  });
  return getSsoSettings();
};
