import { z } from "zod";
import { EVENT_ACTIONS } from "../../atlassian/event-actions";
import { PROXY_ACTION_NAMES } from "../../proxy/classify";
import { ZPolicyGovernanceAction } from "./governance";

/** Stable keys of the built-in anomaly policies (issue 6): tools and tests rely on them. */
export const BUILTIN_POLICY_KEYS = [
  "impossible_travel",
  "infrequent_country",
  "anonymous_ip",
  "suspicious_ip",
  "failed_logins",
  "unusual_admin",
  "unusual_impersonation",
] as const;
export type TBuiltinPolicyKey = (typeof BUILTIN_POLICY_KEYS)[number];

export const SEVERITIES = ["low", "medium", "high"] as const;
export const ZSeverity = z.enum(SEVERITIES, { error: "Severity must be low, medium or high" });
export type TSeverity = z.infer<typeof ZSeverity>;

export const SENSITIVITIES = ["low", "medium", "high"] as const;
export const ZSensitivity = z.enum(SENSITIVITIES, { error: "Sensitivity must be low, medium or high" });
export type TSensitivity = z.infer<typeof ZSensitivity>;

export const IP_CATEGORIES = ["corporate", "vpn", "administrative", "cloud_provider", "risky"] as const;
export const ZIpCategory = z.enum(IP_CATEGORIES, { error: `IP category must be one of ${IP_CATEGORIES.join(", ")}` });
export type TIpCategory = z.infer<typeof ZIpCategory>;

export const PRODUCTS = ["jira", "confluence", "bitbucket", "admin"] as const;
export const ZProduct = z.enum(PRODUCTS, { error: `Product must be one of ${PRODUCTS.join(", ")}` });

// Session-proxy actions (issue 21) are activities too: custom policies and the activity log's filter match them.
const KNOWN_ACTIONS = new Set([...EVENT_ACTIONS.map((a) => a.key), ...Object.keys(PROXY_ACTION_NAMES)]);
export const ZActionKey = z
  .string()
  .trim()
  .refine((key) => KNOWN_ACTIONS.has(key), { error: (issue) => `Unknown action "${String(issue.input)}" (see the action catalogue)` });

const ZNames = (what: string) => z.array(z.string().trim().min(1, `${what} must not be empty`).max(200)).max(500);

/** Include/exclude users (account ids or emails) and groups (names or ids); empty include = everyone. */
export const ZPolicyScope = z
  .object({
    includeUsers: ZNames("User").default([]),
    excludeUsers: ZNames("User").default([]),
    includeGroups: ZNames("Group").default([]),
    excludeGroups: ZNames("Group").default([]),
  })
  .strict();
export type TPolicyScope = z.infer<typeof ZPolicyScope>;

/** Which activities a custom policy looks at. Every field set must match (AND); lists match any entry (OR). */
export const ZCustomPolicyFilter = z
  .object({
    actions: z.array(ZActionKey).max(100).optional(),
    products: z.array(ZProduct).max(4).optional(),
    /** Account ids or emails. */
    users: ZNames("User").optional(),
    groups: ZNames("Group").optional(),
    /** The actor is an organization admin (from the synced directory). */
    adminActor: z.boolean().optional(),
    /** Only administrative actions. */
    adminActionsOnly: z.boolean().optional(),
    impersonation: z.boolean().optional(),
    ipCategories: z.array(ZIpCategory).max(5).optional(),
    /** IP category is none of these (an activity without an IP category matches). */
    ipCategoriesExclude: z.array(ZIpCategory).max(5).optional(),
    ipTags: z.array(z.string().trim().regex(/^[a-z0-9_]{1,40}$/, "IP tags are lower-case words such as tor or anonymous_proxy")).max(50).optional(),
    /** ISO alpha-2 country codes. */
    countries: z.array(z.string().trim().regex(/^[A-Za-z]{2}$/, "Countries are ISO codes such as GB").transform((c) => c.toUpperCase())).max(250).optional(),
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type TCustomPolicyFilter = z.infer<typeof ZCustomPolicyFilter>;

export const ZCustomPolicyTrigger = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("single") }).strict(),
    z
      .object({
        kind: z.literal("repeated"),
        count: z.number().int().min(2, "Count must be at least 2").max(100_000),
        windowMinutes: z.number().int().min(1, "Window must be at least 1 minute").max(1440, "Window must be at most 1440 minutes (a day)"),
        perUser: z.boolean().default(true),
        perProduct: z.boolean().default(false),
      })
      .strict(),
  ],
  { error: 'Trigger kind must be "single" or "repeated"' },
);
export type TCustomPolicyTrigger = z.infer<typeof ZCustomPolicyTrigger>;

/** Governance actions a policy runs on each new alert (issue 7): at most 3, each once. */
export const ZPolicyActions = z
  .array(ZPolicyGovernanceAction)
  .max(3, "A policy runs at most 3 actions")
  .refine((actions) => new Set(actions).size === actions.length, { error: "Each action may be listed once" });
export type TPolicyActions = z.infer<typeof ZPolicyActions>;

export const ZPolicyName = z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters");

export const ZCreatePolicyInput = z
  .object({
    name: ZPolicyName,
    description: z.string().trim().max(2000).default(""),
    enabled: z.boolean().default(true),
    severity: ZSeverity.default("medium"),
    scope: ZPolicyScope.default({ includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [] }),
    filter: ZCustomPolicyFilter,
    trigger: ZCustomPolicyTrigger,
    actions: ZPolicyActions.default([]),
  })
  .strict();
export type TCreatePolicyInput = z.infer<typeof ZCreatePolicyInput>;

/** PATCH: built-in policies accept enabled, sensitivity, severity, scope and actions; custom ones also the rest. */
export const ZUpdatePolicyInput = z
  .object({
    enabled: z.boolean().optional(),
    sensitivity: ZSensitivity.optional(),
    severity: ZSeverity.optional(),
    scope: ZPolicyScope.optional(),
    name: ZPolicyName.optional(),
    description: z.string().trim().max(2000).optional(),
    filter: ZCustomPolicyFilter.optional(),
    trigger: ZCustomPolicyTrigger.optional(),
    actions: ZPolicyActions.optional(),
  })
  .strict();
export type TUpdatePolicyInput = z.infer<typeof ZUpdatePolicyInput>;

export const ZPolicyPreviewInput = z
  .object({
    filter: ZCustomPolicyFilter,
    trigger: ZCustomPolicyTrigger,
    scope: ZPolicyScope.optional(),
    days: z.number().int().min(1, "Preview at least 1 day").max(90, "Preview at most 90 days").default(7),
  })
  .strict();
export type TPolicyPreviewInput = z.infer<typeof ZPolicyPreviewInput>;

export type TPolicyDto = Readonly<{
  id: string;
  /** Built-in key, or "custom:<id>". */
  key: string;
  kind: "builtin" | "custom";
  name: string;
  description: string;
  enabled: boolean;
  sensitivity: TSensitivity;
  severity: TSeverity;
  scope: TPolicyScope;
  filter: TCustomPolicyFilter | null;
  trigger: TCustomPolicyTrigger | null;
  /** Governance actions run automatically on each new alert of this policy. */
  actions: TPolicyActions;
  createdAt: string;
  updatedAt: string;
}>;

export type TPolicyPreviewDto = Readonly<{
  days: number;
  activitiesScanned: number;
  alertCount: number;
  examples: readonly { title: string; explanation: string; user: { accountId: string | null; email: string | null; name: string | null }; firstActivityAt: string; lastActivityAt: string; activityCount: number }[];
}>;
