import { z } from "zod";
import { getEnv } from "../../../../env";
import { decryptSecret, encryptSecret } from "../../../crypto/secret-box";
import { bindSecret, SSO_CLIENT_SECRET } from "../../../crypto/secret-columns";
import { SSO_CALLBACK_PATH, ZRoleMapping, type TRoleMapping, type TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { findSsoConfig, listSsoConfigs, type TSsoConfigRecord } from "../../../repositories/sso-config-repository";
import { listBreakGlassUsers } from "../../../repositories/user-sso-repository";
import { publicUrl } from "../../notifications/public-url";
import { ZOidcMetadata, type TOidcMetadata } from "./oidc-discovery";
import { describeCertificate, ZSamlIdpMetadata, type TSamlIdpMetadata } from "./saml-metadata";
import { samlSpUrls } from "./saml-service-provider";
import type { TSsoSignInPolicy } from "./sign-in-with-sso";

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt the SSO client secret");
  return value;
};

export const sealClientSecret = (rowId: string, plaintext: string): string => encryptSecret(plaintext, secret(), bindSecret(SSO_CLIENT_SECRET, rowId));
export const openClientSecret = (rowId: string, box: string): string => decryptSecret(box, secret(), bindSecret(SSO_CLIENT_SECRET, rowId));

/** The URL to register at the identity provider (next-auth's callback of the "sso" provider). */
export const ssoRedirectUrl = (): string => `${publicUrl()}${SSO_CALLBACK_PATH}`;

/** Stored mappings; rows written by an older version that no longer parse are dropped rather than guessed. */
export const roleMappingsOf = (record: Pick<TSsoConfigRecord, "roleMappings">): TRoleMapping[] => {
  const parsed = z.array(ZRoleMapping).safeParse(record.roleMappings);
  return parsed.success ? parsed.data : [];
};

/**
 * The portal's SSO policy (role mappings, default role, Require SSO): one for every connection, kept on each
 * connection row (save-sso-policy.ts writes them all); null when no connection is configured.
 */
export const ssoPolicyOf = (records: readonly TSsoConfigRecord[]) => {
  const record = records[0];
  return record ? { roleMappings: roleMappingsOf(record), defaultRole: record.defaultRole, requireSso: record.requireSso } : null;
};

const samlMetadataOf = (record: TSsoConfigRecord): TSamlIdpMetadata => ZSamlIdpMetadata.parse(record.metadata);

/** Everything Settings → Single sign-on shows; the client secret only as "set". */
export const getSsoSettings = async (): Promise<TSsoSettingsDto> => {
  const [records, breakGlass] = await Promise.all([listSsoConfigs(), listBreakGlassUsers()]);
  const record = records.find((r) => r.protocol === "oidc") ?? null;
  const saml = records.find((r) => r.protocol === "saml") ?? null;
  const samlMetadata = saml ? samlMetadataOf(saml) : null;
  const policy = ssoPolicyOf(records);
  const sp = samlSpUrls();
  return {
    saml: saml &&
      samlMetadata && {
        displayName: saml.displayName,
        idpEntityId: samlMetadata.entityId,
        idpSsoUrl: samlMetadata.ssoUrl,
        metadataUrl: samlMetadata.metadataUrl,
        certificates: samlMetadata.certificates.map(describeCertificate),
        groupsAttribute: saml.groupsClaim,
        updatedAt: saml.updatedAt.toISOString(),
      },
    samlEntityId: sp.entityId,
    samlAcsUrl: sp.acsUrl,
    oidc: record && {
      displayName: record.displayName,
      issuer: record.issuer,
      clientId: record.clientId,
      isClientSecretSet: record.clientSecretCiphertext.length > 0,
      scopes: record.scopes,
      groupsClaim: record.groupsClaim,
      updatedAt: record.updatedAt.toISOString(),
    },
    roleMappings: policy?.roleMappings ?? [],
    defaultRole: policy?.defaultRole ?? null,
    requireSso: policy?.requireSso ?? false,
    redirectUrl: ssoRedirectUrl(),
    breakGlassUsers: breakGlass.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled })),
  };
};

export type TSsoLoginOptions = Readonly<{ connections: readonly Readonly<{ protocol: "oidc" | "saml"; displayName: string }>[]; requireSso: boolean }>;

/** What the login page offers: a button per connection, and whether password sign-in is for break-glass accounts only. */
export const getSsoLoginOptions = async (): Promise<TSsoLoginOptions | null> => {
  const records = await listSsoConfigs();
  if (records.length === 0) return null;
  return {
    connections: records.map((r) => ({ protocol: r.protocol === "saml" ? "saml" : "oidc", displayName: r.displayName })),
    requireSso: records.some((r) => r.requireSso),
  };
};

export type TOidcProviderConfig = Readonly<{
  displayName: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  metadata: TOidcMetadata;
  policy: TSsoSignInPolicy;
}>;

/** The stored connection with its secret opened, for next-auth's provider; null when none is configured. */
export const loadOidcProviderConfig = async (): Promise<TOidcProviderConfig | null> => {
  const record = await findSsoConfig("oidc");
  if (!record) return null;
  const metadata = ZOidcMetadata.parse(record.metadata);
  return {
    displayName: record.displayName,
    clientId: record.clientId,
    clientSecret: openClientSecret(record.id, record.clientSecretCiphertext),
    scopes: record.scopes,
    metadata,
    policy: { issuer: metadata.issuer, groupsClaim: record.groupsClaim, roleMappings: roleMappingsOf(record), defaultRole: record.defaultRole },
  };
};

export type TSamlProviderConfig = Readonly<{ displayName: string; idp: TSamlIdpMetadata; policy: TSsoSignInPolicy }>;

/** The stored SAML connection; null when none is configured. Users it signs in are bound to the IdP's entity ID. */
export const loadSamlProviderConfig = async (): Promise<TSamlProviderConfig | null> => {
  const record = await findSsoConfig("saml");
  if (!record) return null;
  const idp = samlMetadataOf(record);
  return {
    displayName: record.displayName,
    idp,
    policy: { issuer: idp.entityId, groupsClaim: record.groupsClaim, roleMappings: roleMappingsOf(record), defaultRole: record.defaultRole },
  };
};
