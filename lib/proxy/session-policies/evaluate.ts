/**
 * Session policies over one classified request (issue 22): pure, so the proxy, the preview and the tests share it.
 * Order (docs/session-proxy.md, "Session policies"): enabled policies sorted by compareSessionPolicies; every match
 * is recorded; the first matching Block decides the request is blocked; Audit matches always log.
 */
import {
  DEFAULT_BLOCKED_ACTIONS,
  DOWNLOAD_ACTIONS,
  type TSessionOutcome,
  type TSessionPolicy,
  type TSessionPolicyFilters,
} from "../../shared/schemas/session-policies";
import type { TProxyAction } from "../classify";

/** What is known about a request when policies run. Person facts are resolved by the caller (directory, domains). */
export type TSessionRequestFacts = Readonly<{
  action: TProxyAction;
  /** Activity product: jira, confluence, bitbucket or atlassian. */
  product: string;
  siteHost: string;
  /** Null before sign-in (anonymous). */
  accountId: string | null;
  email: string | null;
  isAdmin: boolean;
  /** Signed in with an email outside the org's verified domains. */
  isExternal: boolean;
  groups: readonly string[];
  deviceManaged: boolean;
  certificateIssuer: string | null;
  ip: string | null;
  ipCategory: string | null;
  ipTags: readonly string[];
  countryCode: string | null;
  userAgent: string | null;
  fileName: string | null;
  /** undefined: not known yet (before the site answered); null: the answer did not state it. */
  fileSizeBytes: number | null | undefined;
}>;

export type TSessionDecision = Readonly<{
  /** null when no policy matched. */
  outcome: TSessionOutcome | null;
  /** The first matching Block policy, when blocked. */
  blockedBy: TSessionPolicy | null;
  /** Every matching policy, in evaluation order (the blocking one included). */
  matched: readonly TSessionPolicy[];
  /** Some policy's match depends on the file size, which is not known yet: evaluate again with the size. */
  needsFileSize: boolean;
}>;

const hasAny = <T>(values: readonly T[] | undefined): values is readonly T[] => values !== undefined && values.length > 0;
const containsAny = (text: string | null, needles: readonly string[]) => text !== null && needles.some((n) => text.toLowerCase().includes(n.toLowerCase()));
const extensionOf = (fileName: string | null) => {
  const dot = fileName?.lastIndexOf(".") ?? -1;
  return fileName && dot > 0 ? fileName.slice(dot + 1).toLowerCase() : null;
};

const hasFileFilter = (f: TSessionPolicyFilters) => hasAny(f.fileExtensions) || Boolean(f.fileNameContains) || f.fileSizeAboveMb !== undefined;

/**
 * The actions a policy applies to: its own list, else its control type's default. A monitor with file filters and no
 * actions watches downloads and exports: a page is not a file (without this, "monitor files over 50 MB" audited large
 * pages, and every page view waited for its answer's size).
 */
export const actionsOf = (policy: Pick<TSessionPolicy, "controlType" | "filters">): readonly TProxyAction[] | null => {
  if (hasAny(policy.filters.actions)) return policy.filters.actions;
  if (policy.controlType === "block_activities") return DEFAULT_BLOCKED_ACTIONS;
  if (policy.controlType === "control_download") return DOWNLOAD_ACTIONS;
  if (hasFileFilter(policy.filters)) return DOWNLOAD_ACTIONS;
  return null;
};

const matchesPerson = (f: TSessionPolicyFilters, r: TSessionRequestFacts) => {
  if (hasAny(f.users)) {
    const listed = f.users.map((u) => u.toLowerCase());
    if (!((r.accountId && listed.includes(r.accountId.toLowerCase())) || (r.email && listed.includes(r.email.toLowerCase())))) return false;
  }
  if (hasAny(f.groups)) {
    const wanted = f.groups.map((g) => g.toLowerCase());
    if (!r.groups.some((g) => wanted.includes(g.toLowerCase()))) return false;
  }
  if (f.admins !== undefined && r.isAdmin !== f.admins) return false;
  if (f.externalUsers !== undefined && r.isExternal !== f.externalUsers) return false;
  return true;
};

const matchesNetwork = (f: TSessionPolicyFilters, r: TSessionRequestFacts) => {
  if (f.device !== undefined && r.deviceManaged !== (f.device === "managed")) return false;
  if (hasAny(f.certificateIssuers) && !containsAny(r.certificateIssuer, f.certificateIssuers)) return false;
  if (hasAny(f.ipCategories) && (r.ipCategory === null || !f.ipCategories.includes(r.ipCategory as never))) return false;
  if (hasAny(f.ipCategoriesExclude) && r.ipCategory !== null && f.ipCategoriesExclude.includes(r.ipCategory as never)) return false;
  if (hasAny(f.ipTags) && !r.ipTags.some((t) => f.ipTags?.includes(t))) return false;
  if (hasAny(f.countries) && (r.countryCode === null || !f.countries.includes(r.countryCode.toUpperCase()))) return false;
  if (hasAny(f.userAgents) && !containsAny(r.userAgent, f.userAgents)) return false;
  return true;
};

const matchesFileName = (f: TSessionPolicyFilters, r: TSessionRequestFacts) => {
  if (hasAny(f.fileExtensions)) {
    const extension = extensionOf(r.fileName);
    if (extension === null || !f.fileExtensions.includes(extension)) return false;
  }
  if (f.fileNameContains && !containsAny(r.fileName, [f.fileNameContains])) return false;
  return true;
};

type TMatch = "yes" | "no" | "needs_size";

/** Whether one policy matches the request; "needs_size" when only the file size is left to decide. */
export const matchSessionPolicy = (policy: TSessionPolicy, r: TSessionRequestFacts): TMatch => {
  const f = policy.filters;
  const actions = actionsOf(policy);
  if (actions && !actions.includes(r.action)) return "no";
  if (r.action === "proxy_other") return "no";
  if (hasAny(f.products) && !f.products.includes(r.product as never)) return "no";
  if (hasAny(f.sites) && !f.sites.includes(r.siteHost.toLowerCase())) return "no";
  if (!matchesPerson(f, r) || !matchesNetwork(f, r) || !matchesFileName(f, r)) return "no";
  if (f.fileSizeAboveMb !== undefined) {
    if (r.fileSizeBytes === undefined) return "needs_size";
    if (r.fileSizeBytes === null || r.fileSizeBytes <= f.fileSizeAboveMb * 1024 * 1024) return "no";
  }
  return "yes";
};

/** `policies` must be the enabled ones in evaluation order (sortSessionPolicies). */
export const evaluateSessionPolicies = (policies: readonly TSessionPolicy[], request: TSessionRequestFacts): TSessionDecision => {
  const matched: TSessionPolicy[] = [];
  let blockedBy: TSessionPolicy | null = null;
  let needsFileSize = false;
  for (const policy of policies) {
    const match = matchSessionPolicy(policy, request);
    if (match === "needs_size") needsFileSize = true;
    if (match !== "yes") continue;
    matched.push(policy);
    if (!blockedBy && policy.action.kind === "block") blockedBy = policy;
  }
  return { outcome: blockedBy ? "blocked" : matched.length > 0 ? "audited" : null, blockedBy, matched, needsFileSize };
};
