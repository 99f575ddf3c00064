import { z } from "zod";
import { getEnv } from "../../../../env";
import { decryptSecret, encryptSecret } from "../../../crypto/secret-box";
import { bindSecret, SSO_CLIENT_SECRET } from "../../../crypto/secret-columns";
import { SSO_CALLBACK_PATH, ZRoleMapping, type TRoleMapping, type TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { findSsoConfig, type TSsoConfigRecord } from "../../../repositories/sso-config-repository";
import { listBreakGlassUsers } from "../../../repositories/user-sso-repository";
import { publicUrl } from "../../notifications/public-url";
import { ZOidcMetadata, type TOidcMetadata } from "./oidc-discovery";
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

/** Everything Settings → Single sign-on shows; the client secret only as "set". */
export const getSsoSettings = async (): Promise<TSsoSettingsDto> => {
  const [record, breakGlass] = await Promise.all([findSsoConfig("oidc"), listBreakGlassUsers()]);
  return {
    oidc: record && {
      displayName: record.displayName,
      issuer: record.issuer,
      clientId: record.clientId,
      isClientSecretSet: record.clientSecretCiphertext.length > 0,
      scopes: record.scopes,
      groupsClaim: record.groupsClaim,
      updatedAt: record.updatedAt.toISOString(),
    },
    roleMappings: record ? roleMappingsOf(record) : [],
    defaultRole: record?.defaultRole ?? null,
    requireSso: record?.requireSso ?? false,
    redirectUrl: ssoRedirectUrl(),
    breakGlassUsers: breakGlass.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled })),
  };
};

/** What the login page offers: the IdP's name, and whether password sign-in is for break-glass accounts only. */
export const getSsoLoginOptions = async (): Promise<Readonly<{ displayName: string; requireSso: boolean }> | null> => {
  const record = await findSsoConfig("oidc");
  return record && { displayName: record.displayName, requireSso: record.requireSso };
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
