/**
 * Session policies (issue 22): what the session proxy does with a classified request, Defender's model. The shape is
 * shared by the form, the REST handler, the proxy's evaluator and the preview; docs/session-proxy.md ("Session
 * policies") is the manual.
 */
import { z } from "zod";
import { PROXY_ACTIONS, type TProxyAction } from "../../proxy/classify";
import { ZIpCategory, ZPolicyName, ZSeverity, type TSeverity } from "./policies";

/** Monitor only (audit); block activities (the chosen classified actions); control file download (downloads, with file filters). */
export const SESSION_CONTROL_TYPES = ["monitor", "block_activities", "control_download"] as const;
export const ZSessionControlType = z.enum(SESSION_CONTROL_TYPES, { error: `Control type must be one of ${SESSION_CONTROL_TYPES.join(", ")}` });
export type TSessionControlType = z.infer<typeof ZSessionControlType>;

export const SESSION_CONTROL_TYPE_LABELS: Readonly<Record<TSessionControlType, string>> = {
  monitor: "Monitor only",
  block_activities: "Block activities",
  control_download: "Control file download",
};

/** The logged proxy actions a policy can name (proxy_other is never logged, so never matched). */
export const SESSION_POLICY_ACTIONS = PROXY_ACTIONS.filter((a): a is Exclude<TProxyAction, "proxy_other"> => a !== "proxy_other");
const ZSessionAction = z.enum(SESSION_POLICY_ACTIONS, { error: `Action must be one of ${SESSION_POLICY_ACTIONS.join(", ")}` });

/** Downloads and exports: what "control file download" applies to. */
export const DOWNLOAD_ACTIONS: readonly TProxyAction[] = SESSION_POLICY_ACTIONS.filter((a) => /^proxy_(download|export)_/.test(a));
/** What "block activities" applies to when the policy names no action. */
export const DEFAULT_BLOCKED_ACTIONS: readonly TProxyAction[] = ["proxy_export_page", "proxy_export_space", "proxy_export_issues", "proxy_download_archive", "proxy_download_raw_file"];

export const SESSION_PRODUCTS = ["jira", "confluence", "bitbucket", "atlassian"] as const;

const ZList = (what: string, max = 200) => z.array(z.string().trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`)).max(500, `At most 500 ${what.toLowerCase()} entries`);

/** Every field set must match (AND); a list matches any of its entries (OR). All optional: an empty filter matches every request of its control type. */
export const ZSessionPolicyFilters = z
  .object({
    /** managed: a client certificate from a trusted device CA; unmanaged: anything else. */
    device: z.enum(["managed", "unmanaged"], { error: 'Device must be "managed" or "unmanaged"' }).optional(),
    /** The client certificate's issuer contains one of these (case-insensitive). */
    certificateIssuers: ZList("Certificate issuer").optional(),
    /** Account ids or emails. */
    users: ZList("User").optional(),
    /** Group names or ids (from the synced directory). */
    groups: ZList("Group").optional(),
    /** Organization admins only. */
    admins: z.boolean().optional(),
    /** Accounts outside the org's verified domains (anonymous requests are not external: nobody is known yet). */
    externalUsers: z.boolean().optional(),
    ipCategories: z.array(ZIpCategory).max(5).optional(),
    /** The IP's category is none of these (no category matches): "outside corporate ranges" is ["corporate"]. */
    ipCategoriesExclude: z.array(ZIpCategory).max(5).optional(),
    ipTags: z.array(z.string().trim().regex(/^[a-z0-9_]{1,40}$/, "IP tags are lower-case words such as tor or anonymous_proxy")).max(50).optional(),
    /** ISO alpha-2 country codes. */
    countries: z.array(z.string().trim().regex(/^[A-Za-z]{2}$/, "Countries are ISO codes such as GB").transform((c) => c.toUpperCase())).max(250).optional(),
    /** The user agent contains one of these (case-insensitive). */
    userAgents: ZList("User agent").optional(),
    products: z.array(z.enum(SESSION_PRODUCTS, { error: `Product must be one of ${SESSION_PRODUCTS.join(", ")}` })).max(4).optional(),
    /** Site hosts such as acme.atlassian.net. */
    sites: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "Sites are hosts such as acme.atlassian.net")).max(100).optional(),
    /** Classified actions; for block_activities the default is DEFAULT_BLOCKED_ACTIONS, for control_download DOWNLOAD_ACTIONS. */
    actions: z.array(ZSessionAction).max(SESSION_POLICY_ACTIONS.length).optional(),
    /** File extensions without the dot, lower case (pdf, zip). */
    fileExtensions: z.array(z.string().trim().toLowerCase().transform((e) => e.replace(/^\./, "")).pipe(z.string().regex(/^[a-z0-9]{1,10}$/, "Extensions are short words such as pdf or zip"))).max(100).optional(),
    /** The file name contains this (case-insensitive). */
    fileNameContains: z.string().trim().min(1).max(200).optional(),
    /** The file is larger than this many MB (MiB); decided when the site's answer states its size. */
    fileSizeAboveMb: z.number({ error: "File size must be a number of MB" }).positive("File size must be above 0 MB").max(1_000_000).optional(),
  })
  .strict();
export type TSessionPolicyFilters = z.infer<typeof ZSessionPolicyFilters>;

export const ZSessionPolicyAction = z
  .object({
    kind: z.enum(["audit", "block"], { error: 'Action must be "audit" or "block"' }),
    /** Shown on the block page and in the .txt notice; default names the policy. */
    blockMessage: z.string().trim().max(1000, "Block message must be at most 1000 characters").optional(),
    /** Whom to contact, shown on the block page (an email or a short text). */
    contact: z.string().trim().max(200, "Contact must be at most 200 characters").optional(),
  })
  .strict();
export type TSessionPolicyAction = z.infer<typeof ZSessionPolicyAction>;

/** Raise an alert with this severity on a match, at most maxPerDay per policy per UTC day. */
export const ZSessionPolicyAlert = z
  .object({
    severity: ZSeverity,
    maxPerDay: z.number().int().min(1, "At most … per day must be at least 1").max(1000, "At most 1000 alerts per day"),
  })
  .strict();
export type TSessionPolicyAlert = z.infer<typeof ZSessionPolicyAlert>;

const sessionPolicyFields = {
  name: ZPolicyName,
  description: z.string().trim().max(2000).default(""),
  enabled: z.boolean().default(true),
  /** Lower runs first (ties: older first). The first Block in this order wins; every matching Audit logs. */
  priority: z.number().int().min(1, "Priority must be at least 1").max(1000, "Priority must be at most 1000").default(100),
  controlType: ZSessionControlType,
  filters: ZSessionPolicyFilters.default({}),
  action: ZSessionPolicyAction,
  /** Email the user whose request matched (the email channel), at most once per policy and user per hour. */
  notifyUser: z.boolean().default(false),
  alert: ZSessionPolicyAlert.nullable().default(null),
};

type TFieldsForCheck = { controlType: TSessionControlType; action: TSessionPolicyAction; filters: TSessionPolicyFilters };

/** Rules across fields, with the field path the error names. */
const checkCombination = (value: TFieldsForCheck, ctx: z.RefinementCtx) => {
  if (value.controlType === "monitor" && value.action.kind !== "audit") {
    ctx.addIssue({ code: "custom", path: ["action", "kind"], message: "Monitor-only policies audit; choose Block activities or Control file download to block" });
  }
  if (value.controlType === "control_download" && value.filters.actions?.some((a) => !DOWNLOAD_ACTIONS.includes(a))) {
    ctx.addIssue({ code: "custom", path: ["filters", "actions"], message: "Control file download applies to downloads and exports only" });
  }
  const fileFilter = value.filters.fileExtensions?.length || value.filters.fileNameContains || value.filters.fileSizeAboveMb !== undefined;
  if (fileFilter && value.controlType !== "control_download" && value.filters.actions && !value.filters.actions.some((a) => DOWNLOAD_ACTIONS.includes(a))) {
    ctx.addIssue({ code: "custom", path: ["filters"], message: "File filters need a download or export action" });
  }
};

export const ZCreateSessionPolicyInput = z.object(sessionPolicyFields).strict().superRefine(checkCombination);
export type TCreateSessionPolicyInput = z.infer<typeof ZCreateSessionPolicyInput>;

/** PATCH sends the whole policy but for what it leaves out; the merged result is checked with ZCreateSessionPolicyInput. */
export const ZUpdateSessionPolicyInput = z
  .object({
    name: ZPolicyName.optional(),
    description: z.string().trim().max(2000).optional(),
    enabled: z.boolean().optional(),
    priority: sessionPolicyFields.priority.unwrap().optional(),
    controlType: ZSessionControlType.optional(),
    filters: ZSessionPolicyFilters.optional(),
    action: ZSessionPolicyAction.optional(),
    notifyUser: z.boolean().optional(),
    alert: ZSessionPolicyAlert.nullable().optional(),
  })
  .strict();
export type TUpdateSessionPolicyInput = z.infer<typeof ZUpdateSessionPolicyInput>;

/** Preview: the policy as it would be saved, over the last `days` of recorded session activity. */
export const ZSessionPolicyPreviewInput = z
  .object({
    policy: ZCreateSessionPolicyInput,
    days: z.number().int().min(1, "Preview at least 1 day").max(90, "Preview at most 90 days").default(7),
  })
  .strict();
export type TSessionPolicyPreviewInput = z.infer<typeof ZSessionPolicyPreviewInput>;

/** A stored policy, as the proxy and the API see it. */
export type TSessionPolicy = Readonly<{
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  priority: number;
  controlType: TSessionControlType;
  filters: TSessionPolicyFilters;
  action: TSessionPolicyAction;
  notifyUser: boolean;
  alert: TSessionPolicyAlert | null;
  createdAt: string;
  updatedAt: string;
}>;

/** The fixed evaluation order (docs/session-proxy.md): priority ascending, then oldest first, then id. */
export const compareSessionPolicies = (a: Pick<TSessionPolicy, "priority" | "createdAt" | "id">, b: Pick<TSessionPolicy, "priority" | "createdAt" | "id">): number =>
  a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export type TSessionPolicyTemplate = Readonly<{ key: string; title: string; summary: string; policy: TCreateSessionPolicyInput }>;

const template = (key: string, title: string, summary: string, policy: z.input<typeof ZCreateSessionPolicyInput>): TSessionPolicyTemplate => ({
  key,
  title,
  summary,
  policy: ZCreateSessionPolicyInput.parse(policy),
});

const HIGH_ALERT: TSessionPolicyAlert = { severity: "high" satisfies TSeverity, maxPerDay: 20 };

/** Defender's common session policies, as starting points in the form. */
export const SESSION_POLICY_TEMPLATES: readonly TSessionPolicyTemplate[] = [
  template("block_downloads_unmanaged", "Block downloads to unmanaged devices", "Downloads and exports from a device without a trusted client certificate get a notice file instead.", {
    name: "Block downloads to unmanaged devices",
    controlType: "control_download",
    filters: { device: "unmanaged" },
    action: { kind: "block" },
    alert: { severity: "medium", maxPerDay: 20 },
  }),
  template("monitor_external_users", "Monitor external users", "Logs every request of accounts outside the org's verified domains, without blocking.", {
    name: "Monitor external users",
    controlType: "monitor",
    filters: { externalUsers: true },
    action: { kind: "audit" },
  }),
  template("block_exports_risky_ips", "Block exports from risky IPs", "Blocks page, space and issue exports from risky IPs, Tor and anonymous proxies.", {
    name: "Block exports from risky IPs",
    controlType: "block_activities",
    filters: { ipTags: ["tor", "anonymous_proxy"], actions: ["proxy_export_page", "proxy_export_space", "proxy_export_issues"] },
    action: { kind: "block" },
    alert: HIGH_ALERT,
  }),
  template("block_large_downloads_outside_corporate", "Block downloads over 50 MB from outside corporate ranges", "Files larger than 50 MB downloaded from an IP outside the corporate ranges are blocked.", {
    name: "Block downloads over 50 MB from outside corporate ranges",
    controlType: "control_download",
    filters: { ipCategoriesExclude: ["corporate"], fileSizeAboveMb: 50 },
    action: { kind: "block" },
    alert: { severity: "medium", maxPerDay: 20 },
  }),
];

/** The outcome a session policy gives a request (an activity's `outcome`; null when no policy matched). */
export const SESSION_OUTCOMES = ["blocked", "audited"] as const;
export type TSessionOutcome = (typeof SESSION_OUTCOMES)[number];
