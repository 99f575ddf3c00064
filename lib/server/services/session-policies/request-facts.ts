import type { TDirectoryLookup } from "../../../detection/policy-config";
import { PROXY_ACTIONS, type TProxyAction } from "../../../proxy/classify";
import type { TSessionRequestFacts } from "../../../proxy/session-policies/evaluate";
import type { TSessionPolicy } from "../../../shared/schemas/session-policies";
import type { TStoredSessionRequest } from "../../repositories/session-activity-repository";

const MB = 1024 * 1024;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const size = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);

/**
 * An account is external when its email's domain is not one of its org's verified domains (nor under one). An org
 * whose domains are not known (none synced) has no external users: nobody can be told apart.
 */
export const isExternalEmail = (email: string | null, verifiedDomains: ReadonlySet<string>): boolean => {
  if (!email || verifiedDomains.size === 0) return false;
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (!domain) return false;
  for (const verified of verifiedDomains) if (domain === verified || domain.endsWith(`.${verified}`)) return false;
  return true;
};

/**
 * The file's size as the request told it: the size the proxy recorded (raw.file.sizeBytes), else the bytes sent of a
 * download that completed unblocked (a blocked one sent the notice, not the file); null when unknown.
 */
const fileSizeOf = (row: TStoredSessionRequest, raw: Record<string, unknown>, file: Record<string, unknown>): number | null => {
  const recorded = size(file.sizeBytes);
  if (recorded !== null) return recorded;
  const isDownload = /^proxy_(download|export)_/.test(row.action);
  return isDownload && raw.outcome === "completed" && row.sessionOutcome !== "blocked" ? size(raw.bytesSent) : null;
};

export type TFactContext = Readonly<{ directory: TDirectoryLookup; verifiedDomainsOf: (connectorId: string) => ReadonlySet<string> }>;

/** The facts the proxy's evaluator saw, rebuilt from a stored session activity; null for an action no policy can name. */
export const factsOfStoredRequest = (row: TStoredSessionRequest, context: TFactContext): TSessionRequestFacts | null => {
  if (!(PROXY_ACTIONS as readonly string[]).includes(row.action)) return null;
  const raw = isRecord(row.raw) ? row.raw : {};
  const device = isRecord(raw.device) ? raw.device : {};
  const file = isRecord(raw.file) ? raw.file : {};
  // The proxy logs a request before sign-in as "anonymous" (is_system): nobody is known yet.
  const accountId = row.isSystem ? null : row.actorId;
  const email = row.isSystem ? null : row.actorEmail;
  return {
    action: row.action as TProxyAction,
    product: row.product,
    siteHost: row.siteName ?? text(raw.host) ?? "",
    accountId,
    email,
    isAdmin: accountId !== null && context.directory.isOrgAdmin(row.connectorId, accountId),
    isExternal: isExternalEmail(email, context.verifiedDomainsOf(row.connectorId)),
    groups: accountId === null ? [] : context.directory.groupsOf(row.connectorId, accountId),
    deviceManaged: device.managed === true,
    certificateIssuer: text(device.issuer),
    ip: row.ip,
    ipCategory: row.ipCategory,
    ipTags: row.ipTags,
    countryCode: row.countryCode,
    userAgent: text(raw.userAgent),
    fileName: text(file.name) ?? row.targetName,
    fileSizeBytes: fileSizeOf(row, raw, file),
  };
};

/** Why the policy matched: the request's value of each filter the policy sets (all of them held). */
export const explainMatch = (policy: Pick<TSessionPolicy, "filters">, r: TSessionRequestFacts): string => {
  const f = policy.filters;
  const who = r.email ?? r.accountId ?? "anonymous";
  const parts = [
    f.device ? `${r.deviceManaged ? "managed" : "unmanaged"} device` : "",
    f.certificateIssuers?.length ? `certificate issued by ${r.certificateIssuer}` : "",
    f.users?.length ? `user ${who}` : "",
    f.groups?.length ? `in group ${r.groups.join(", ")}` : "",
    f.admins !== undefined ? (r.isAdmin ? "an org admin" : "not an org admin") : "",
    f.externalUsers !== undefined ? (r.isExternal ? `external user ${who}` : `internal user ${who}`) : "",
    f.ipCategories?.length || f.ipCategoriesExclude?.length ? `IP ${r.ip ?? "unknown"} (${r.ipCategory ?? "no category"})` : "",
    f.ipTags?.length ? `IP tagged ${r.ipTags.join(", ")}` : "",
    f.countries?.length ? `from ${r.countryCode}` : "",
    f.userAgents?.length ? `user agent ${r.userAgent}` : "",
    f.products?.length ? `product ${r.product}` : "",
    f.sites?.length ? `site ${r.siteHost}` : "",
    f.fileExtensions?.length || f.fileNameContains ? `file ${r.fileName}` : "",
    f.fileSizeAboveMb !== undefined && typeof r.fileSizeBytes === "number" ? `${(r.fileSizeBytes / MB).toFixed(1)} MB > ${f.fileSizeAboveMb} MB` : "",
  ].filter(Boolean);
  return [r.action, ...parts].join("; ");
};
