import { randomUUID } from "node:crypto";
import { ZSaveSamlInput, type TSaveSamlInput, type TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { findSsoConfig, listSsoConfigs, upsertSsoConnection } from "../../../repositories/sso-config-repository";
import type { Principal } from "../../principal";
import { ssoTargetPolicy } from "./oidc-discovery";
import { checkSamlSsoUrl, describeCertificate, fetchSamlIdpMetadata, parseSamlIdpMetadata } from "./saml-metadata";
import { getSsoSettings, ssoPolicyOf } from "./sso-config";

/**
 * Saves the SAML connection from the IdP's metadata (uploaded XML, or fetched from its URL through the address
 * rules): entity ID, HTTP-Redirect sign-in URL and signing certificates must be there. The policy (role mappings,
 * default role, Require SSO) is the one already in force for the OpenID connection, if any.
 */
export const saveSamlConnection = async (options: Readonly<{ actor: Principal; input: TSaveSamlInput }>): Promise<TSsoSettingsDto> => {
  const input = ZSaveSamlInput.parse(options.input);
  const policy = ssoTargetPolicy();
  const metadata = input.metadataUrl ? await fetchSamlIdpMetadata(input.metadataUrl, policy) : parseSamlIdpMetadata(input.metadataXml ?? "", "metadataXml");
  await checkSamlSsoUrl(metadata, input.metadataUrl ? "metadataUrl" : "metadataXml", policy);
  const existing = await findSsoConfig("saml");
  const inForce = ssoPolicyOf(await listSsoConfigs());
  await upsertSsoConnection(
    "saml",
    {
      id: existing?.id ?? randomUUID(),
      displayName: input.displayName,
      issuer: metadata.entityId,
      clientId: "",
      clientSecretCiphertext: "",
      scopes: "",
      groupsClaim: input.groupsAttribute,
      metadata,
      updatedById: options.actor.userId,
    },
    inForce ?? undefined,
  );
  await appendAuditEvent({
    action: "sso.configured",
    actorId: options.actor.userId,
    actorEmail: options.actor.email,
    targetType: "sso",
    targetName: input.displayName,
    ip: options.actor.ip,
    details: {
      protocol: "saml",
      idpEntityId: metadata.entityId,
      metadataUrl: metadata.metadataUrl ?? "(uploaded)",
      certificates: metadata.certificates.map((c) => describeCertificate(c).fingerprint).join(", "),
    },
  });
  return getSsoSettings();
};
