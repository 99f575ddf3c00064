import { z } from "zod";
import { POLICY_TYPES } from "../atlassian/schemas/policies";

const ZIsoDate = z.iso.datetime({ offset: true });

/** Product keys a simulated user can have access to (as in product_access[].key). */
export const PRODUCT_KEYS = ["jira-software", "confluence", "jira-servicedesk", "bitbucket"] as const;
export type TProductKey = (typeof PRODUCT_KEYS)[number];

/** Products a simulated site serves; each is one workspace in the org's workspaces listing. */
export const SITE_PRODUCTS = ["jira-software", "confluence", "bitbucket"] as const;
export type TSiteProduct = (typeof SITE_PRODUCTS)[number];

/** A site's subdomain: `<name>.atlassian.net` (the host pattern docs/session-proxy.md accepts). */
export const SITE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ZSiteDefinition = z.object({
  name: z.string().regex(SITE_NAME_PATTERN, "must be a lower-case host label (a-z, 0-9, -; at most 63)"),
  /** Default: all three. */
  products: z.array(z.enum(SITE_PRODUCTS)).min(1).optional(),
});
export type TSiteDefinition = z.infer<typeof ZSiteDefinition>;

export const ZApiKeyDefinition = z.object({
  key: z.string().min(8),
  /** ISO 8601; absent = never expires (real keys last at most a year). */
  expiresAt: ZIsoDate.optional(),
  label: z.string().optional(),
  /**
   * A key "with scopes" (e.g. ["read:events:admin"]): answers 403 outside them (docs/simulator.md, "Scoped
   * API keys"). Absent = a classic key without scopes, which may call everything.
   */
  scopes: z.array(z.string().min(1)).optional(),
});

export const ZDomainDefinition = z.object({
  name: z.string().min(3),
  status: z.enum(["verified", "unverified"]),
  claimType: z.enum(["dns", "http"]).optional(),
});

export const USER_STATUSES = ["active", "suspended", "deactivated"] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];

export const ZUserDefinition = z.object({
  accountId: z.string().regex(/^[a-zA-Z0-9_|:-]{1,128}$/, "must match Atlassian's account_id pattern"),
  name: z.string().min(1),
  email: z.email(),
  /** Org admin: v2 users get platformRoles ["atlassian/org-admin"]. */
  admin: z.boolean().optional(),
  status: z.enum(USER_STATUSES).optional(),
  /** Default: jira-software and confluence. */
  products: z.array(z.enum(PRODUCT_KEYS)).optional(),
  /** Personal API tokens; default one token labelled "default". */
  apiTokens: z.array(z.object({ id: z.string().min(1), label: z.string().optional(), createdAt: ZIsoDate.optional() })).optional(),
  addedToOrg: ZIsoDate.optional(),
});
export type TUserDefinition = z.infer<typeof ZUserDefinition>;

export const ZPolicyDefinition = z.object({
  id: z.string().optional(),
  type: z.enum(POLICY_TYPES),
  name: z.string().optional(),
  status: z.enum(["enabled", "disabled"]).optional(),
  /** Shape per type: see ZAuthenticationRule, ZMobileAppRule, ZDataSecurityRule, ZIpAllowlistRule. */
  rule: z.record(z.string(), z.unknown()),
});
export type TPolicyDefinition = z.infer<typeof ZPolicyDefinition>;

/**
 * An org as given to POST /__sim/orgs and inside scenario files. This shape is a contract with tests outside
 * the project: add optional fields, never rename.
 */
export const ZOrgDefinition = z.object({
  id: z.string().min(1).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only"),
  name: z.string().min(1),
  apiKeys: z.array(ZApiKeyDefinition).min(1),
  domains: z.array(ZDomainDefinition).default([]),
  users: z.array(ZUserDefinition).default([]),
  /** Absent = a weak default authentication policy (2SV optional, 30-day idle sessions). */
  policies: z.array(ZPolicyDefinition).optional(),
  /** Subdomain of the org's site, e.g. "acme" for https://acme.atlassian.net; default from the name. */
  siteName: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /** The org's Atlassian sites (docs/simulator.md, "Sites"); absent = one site named by siteNameOf. */
  sites: z.array(ZSiteDefinition).min(1).optional(),
});
export type TOrgDefinition = z.infer<typeof ZOrgDefinition>;
export type TOrgDefinitionInput = z.input<typeof ZOrgDefinition>;

/** The org's site subdomain: as defined, else derived from the org name. */
export const siteNameOf = (definition: Pick<TOrgDefinition, "name" | "siteName">): string =>
  definition.siteName ?? (definition.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "") || "site");

/** The org's sites with their products: as defined, else one site named by siteNameOf with every product. */
export const sitesOf = (definition: Pick<TOrgDefinition, "name" | "siteName" | "sites">): { name: string; products: TSiteProduct[] }[] => {
  const sites = definition.sites ?? [{ name: siteNameOf(definition) }];
  return sites.map((site) => ({ name: site.name, products: site.products ?? [...SITE_PRODUCTS] }));
};

/** Display names of the product keys, as in product_access[].name. */
export const PRODUCT_NAMES: Record<TProductKey, string> = {
  "jira-software": "Jira",
  confluence: "Confluence",
  "jira-servicedesk": "Jira Service Management",
  bitbucket: "Bitbucket",
};
