import { z } from "zod";
import { itemEnvelope, listEnvelope, ZSelfLink } from "./common";

/**
 * Policy types. `ip-allowlist` and `data-residency` are documented by Atlassian; `authentication`,
 * `mobile-app` and `data-security` are SIMULATOR-ONLY ([S], atlassian-api.md §1.7): Atlassian exposes no
 * read API for them, so a real org never returns them and the posture code must cope with their absence.
 */
export const POLICY_TYPES = ["ip-allowlist", "data-residency", "authentication", "mobile-app", "data-security"] as const;
export type TPolicyType = (typeof POLICY_TYPES)[number];
export const SIMULATOR_ONLY_POLICY_TYPES: readonly TPolicyType[] = ["authentication", "mobile-app", "data-security"];

/** A policy as served by GET /admin/v1/orgs/{orgId}/policies; `rule` stays untyped on the wire. */
export const ZPolicy = z.looseObject({
  id: z.string(),
  type: z.string(),
  attributes: z.looseObject({
    type: z.string(),
    name: z.string().optional(),
    status: z.string().optional(),
    rule: z.unknown().optional(),
    resources: z.array(z.looseObject({ id: z.string(), applicationStatus: z.string().optional() })).optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  }),
  links: ZSelfLink.optional(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

export const ZPoliciesPage = listEnvelope(ZPolicy);
export const ZPolicyResponse = itemEnvelope(ZPolicy);

/** Rule of `ip-allowlist` ([S] shape): CIDR ranges allowed to reach the products. */
export const ZIpAllowlistRule = z.object({ ipRanges: z.array(z.string()) });

/** Password strength levels of Atlassian's password policy (ATL-SUP manage-your-password-policy). */
export const PASSWORD_STRENGTHS = ["weak", "fair", "good", "strong", "very-strong"] as const;

/** Rule of the simulator-only `authentication` policy (ATL-SUP authentication-policy-settings). */
export const ZAuthenticationRule = z.object({
  twoStepVerification: z.enum(["off", "optional", "required"]),
  ssoEnforced: z.boolean(),
  idleSessionDurationMinutes: z.number().int().positive(),
  /** Hard maximum session length; null = never expires. */
  sessionExpirationMinutes: z.number().int().positive().nullable(),
  passwordStrength: z.enum(PASSWORD_STRENGTHS),
  /** null = passwords never expire. */
  passwordExpiryDays: z.number().int().positive().nullable(),
  /** Members of the policy; absent = every managed user. */
  accountIds: z.array(z.string()).optional(),
});
export type TAuthenticationRule = z.infer<typeof ZAuthenticationRule>;

/** Rule of the simulator-only `mobile-app` policy, including its "App data protection" section. */
export const ZMobileAppRule = z.object({
  blockCompromisedDevices: z.boolean(),
  requireDeviceEncryption: z.boolean(),
  requireBiometricsOrPasscode: z.boolean(),
  minimumOsVersion: z.object({ ios: z.string(), android: z.string() }).nullable(),
  mobileSessionExpirationMinutes: z.number().int().positive().nullable(),
  appliesToAllUsers: z.boolean(),
  appDataProtection: z.object({
    preventSharingAndSaving: z.boolean(),
    preventBackup: z.boolean(),
    blockScreenshots: z.boolean(),
    preventCutCopy: z.boolean(),
    blockThirdPartyKeyboards: z.boolean(),
  }),
});
export type TMobileAppRule = z.infer<typeof ZMobileAppRule>;

/** Rule of the simulator-only `data-security` policy (ATL-SUP manage-data-security-policy-rules). */
export const ZDataSecurityRule = z.object({
  preventDataExport: z.boolean(),
  preventPublicLinks: z.boolean(),
  preventAnonymousAccess: z.boolean(),
  blockAppAccess: z.boolean(),
});
export type TDataSecurityRule = z.infer<typeof ZDataSecurityRule>;

const RULE_SCHEMAS = {
  "ip-allowlist": ZIpAllowlistRule,
  authentication: ZAuthenticationRule,
  "mobile-app": ZMobileAppRule,
  "data-security": ZDataSecurityRule,
} as const;

export type TPolicyRuleByType = { [K in keyof typeof RULE_SCHEMAS]: z.infer<(typeof RULE_SCHEMAS)[K]> };

/**
 * Parses a policy's `rule` for the types whose rule shape we know; returns null for other types or a rule
 * that does not match, so callers treat it as "setting unknown" rather than failing a sync.
 */
export const parsePolicyRule = <K extends keyof TPolicyRuleByType>(policy: TPolicy, type: K): TPolicyRuleByType[K] | null => {
  if (policy.attributes.type !== type) return null;
  const parsed = RULE_SCHEMAS[type].safeParse(policy.attributes.rule);
  return parsed.success ? (parsed.data as TPolicyRuleByType[K]) : null;
};
