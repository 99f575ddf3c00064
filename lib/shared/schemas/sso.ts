import { z } from "zod";
import { ROLES } from "../roles";
import { ZRole } from "./users";

/** The next-auth provider id of the configured OpenID provider: the redirect URL ends in /api/auth/callback/<this>. */
export const SSO_PROVIDER_ID = "sso";
export const SSO_CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;

/** SAML: where the browser starts sign-in, where the IdP posts its Response (ACS), and the SP metadata (also the SP entity ID). */
export const SAML_LOGIN_PATH = "/api/auth/saml/login";
export const SAML_ACS_PATH = "/api/auth/saml/acs";
export const SAML_METADATA_PATH = "/api/v1/sso/saml/metadata";
/** IdP metadata documents are a few KB; Entra's federation metadata with several certificates stays well under this. */
export const MAX_SAML_METADATA_BYTES = 256 * 1024;

export const SSO_PROTOCOLS = ["oidc", "saml"] as const;
export type TSsoProtocol = (typeof SSO_PROTOCOLS)[number];

// zod 4 runs these refinements even when the URL check before them failed: parse without throwing.
const urlOf = (value: string): URL | null => {
  try {
    return new URL(value);
  } catch {
    return null;
  }
};

const ZIssuerUrl = z
  .string()
  .trim()
  .min(1, "Issuer URL is required")
  .max(2000, "Issuer URL is too long")
  .pipe(z.url({ error: "Issuer URL must be a URL, e.g. https://login.example.com/realms/acme" }))
  .refine((v) => !urlOf(v) || /^https?:\/\//i.test(v), "Issuer URL must start with https://")
  .refine((v) => !urlOf(v)?.search && !urlOf(v)?.hash, "Issuer URL must not have a query or fragment")
  .refine((v) => !urlOf(v)?.username && !urlOf(v)?.password, "Issuer URL must not contain credentials");

// Scopes and claim names are tokens (RFC 6749 scope-token, JWT claim names as IdPs use them): no spaces or quotes.
const ZScopes = z
  .string()
  .trim()
  .max(500, "Scopes must be at most 500 characters")
  .refine((v) => v.split(/\s+/).includes("openid"), "Scopes must include openid")
  .refine((v) => /^[\x21\x23-\x5b\x5d-\x7e]+(\s+[\x21\x23-\x5b\x5d-\x7e]+)*$/.test(v), "Scopes are words separated by spaces");

export const ZRoleMapping = z.object({
  group: z.string().trim().min(1, "Group is required").max(256, "Group must be at most 256 characters"),
  role: ZRole,
});
export type TRoleMapping = z.infer<typeof ZRoleMapping>;

/** Save the OpenID Connect connection. An empty client secret keeps the stored one (it is never sent back). */
export const ZSaveOidcInput = z.object({
  displayName: z.string().trim().min(1, "Display name is required").max(60, "Display name must be at most 60 characters"),
  issuer: ZIssuerUrl,
  clientId: z.string().trim().min(1, "Client ID is required").max(256, "Client ID must be at most 256 characters"),
  clientSecret: z.string().max(1024, "Client secret must be at most 1024 characters").optional(),
  scopes: ZScopes.default("openid email profile"),
  groupsClaim: z
    .string()
    .trim()
    .min(1, "Groups claim is required")
    .max(100, "Groups claim must be at most 100 characters")
    .regex(/^[A-Za-z0-9_:.\-/]+$/, "Groups claim is a claim name such as groups or roles"),
});
export type TSaveOidcInput = z.input<typeof ZSaveOidcInput>;

/**
 * Save the SAML connection: the IdP's metadata, pasted or uploaded as XML, or a URL Watchpost fetches it from
 * (exactly one of them). Signed assertions are always required.
 */
export const ZSaveSamlInput = z
  .object({
    displayName: z.string().trim().min(1, "Display name is required").max(60, "Display name must be at most 60 characters"),
    metadataXml: z.string().trim().max(MAX_SAML_METADATA_BYTES, "The metadata XML must be at most 256 KB").optional(),
    metadataUrl: z
      .string()
      .trim()
      .max(2000, "Metadata URL is too long")
      .refine((v) => v === "" || /^https?:\/\//i.test(v), "Metadata URL must start with https://")
      .refine((v) => v === "" || (urlOf(v) !== null && !urlOf(v)?.username && !urlOf(v)?.password), "Metadata URL must be a URL without credentials")
      .optional(),
    groupsAttribute: z
      .string()
      .trim()
      .min(1, "Groups attribute is required")
      .max(300, "Groups attribute must be at most 300 characters")
      .regex(/^[^\s"'<>]+$/, "Groups attribute is an attribute name such as groups or http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"),
  })
  .refine((v) => Boolean(v.metadataXml) !== Boolean(v.metadataUrl), { error: "Give the IdP metadata either as XML or as a URL", path: ["metadataUrl"] });
export type TSaveSamlInput = z.input<typeof ZSaveSamlInput>;

/** Who gets which role, and whether password sign-in is limited to break-glass accounts. */
export const ZSsoPolicyInput = z.object({
  roleMappings: z.array(ZRoleMapping).max(100, "At most 100 role mappings"),
  /** null: a user with no mapped group is refused. */
  defaultRole: ZRole.nullable(),
  requireSso: z.boolean(),
});
export type TSsoPolicyInput = z.infer<typeof ZSsoPolicyInput>;

export const ZBreakGlassParams = z.object({ userId: z.uuid({ error: "userId must be a user id" }) });
export const ZBreakGlassInput = z.object({ isBreakGlass: z.boolean({ error: "isBreakGlass must be true or false" }) });

export const ZBreakGlassUserDto = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES), disabled: z.boolean() });

export const ZOidcConfigDto = z.object({
  displayName: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  /** The secret itself is never sent: only whether one is stored. */
  isClientSecretSet: z.boolean(),
  scopes: z.string(),
  groupsClaim: z.string(),
  updatedAt: z.string(),
});
export type TOidcConfigDto = z.infer<typeof ZOidcConfigDto>;

export const ZSamlConfigDto = z.object({
  displayName: z.string(),
  /** The IdP's entity ID and sign-in URL, from its metadata. */
  idpEntityId: z.string(),
  idpSsoUrl: z.string(),
  /** Where the metadata was fetched from, null when it was uploaded. */
  metadataUrl: z.string().nullable(),
  /** SHA-256 fingerprints of the IdP's signing certificates, and when each expires. */
  certificates: z.array(z.object({ fingerprint: z.string(), notAfter: z.string().nullable() })),
  groupsAttribute: z.string(),
  updatedAt: z.string(),
});
export type TSamlConfigDto = z.infer<typeof ZSamlConfigDto>;

export const ZSsoSettingsDto = z.object({
  oidc: ZOidcConfigDto.nullable(),
  saml: ZSamlConfigDto.nullable(),
  /** What to register at a SAML IdP: the SP entity ID (also the metadata URL) and the ACS URL. */
  samlEntityId: z.string(),
  samlAcsUrl: z.string(),
  roleMappings: z.array(ZRoleMapping),
  defaultRole: z.enum(ROLES).nullable(),
  requireSso: z.boolean(),
  /** The URL to register at the identity provider. */
  redirectUrl: z.string(),
  breakGlassUsers: z.array(ZBreakGlassUserDto),
});
export type TSsoSettingsDto = z.infer<typeof ZSsoSettingsDto>;
