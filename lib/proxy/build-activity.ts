// A proxied request as an activity of the site's connector (source session_proxy): pure, from what the proxy saw.
import type { TEnrichable } from "../enrichment/enrich-activities";
import type { TSessionActivity } from "../server/repositories/activity-repository";
import { buildSearchText } from "../server/services/sync/normalize-event";
import { PROXY_ACTION_NAMES, type TClassification } from "./classify";
import type { TDevice } from "./device";
import type { TSessionDecision } from "./session-policies/evaluate";
import type { TFileFacts } from "./session-policies/enforce";
import type { TAccount } from "./session-tracker";

/** Enrichment fills these from the IP (ranges, threat lists, GeoIP) when the batch is written. */
export const NO_LOCATION: Omit<TEnrichable, "ip"> = { country: null, countryCode: null, region: null, city: null, lat: null, lon: null, locationSource: null, ipCategory: null, ipTags: [] };

export type TOutcome = "completed" | "aborted" | "upstream_error" | "blocked";

const PRODUCT_NAMES: Record<string, string> = { confluence: "Confluence", "jira-software": "Jira", bitbucket: "Bitbucket", atlassian: "Atlassian" };

/** The activity log's product of a class: the audit log's names (jira, confluence, bitbucket), so product filters and policies match both sources; sign-in and identity stay "atlassian". */
const ACTIVITY_PRODUCT: Readonly<Record<TClassification["product"], string>> = { "jira-software": "jira", confluence: "confluence", bitbucket: "bitbucket", atlassian: "atlassian" };

/** Downloads and exports count as downloads in the session's counters. */
export const isDownloadAction = (action: string): boolean => /^proxy_(download|export)_/.test(action);

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
};

const describeDevice = (device: TDevice) => (device.isManaged ? `a managed device${device.subject ? ` (${device.subject})` : ""}` : "an unmanaged device");

/** What a blocked request was, in the message: "Blocked download of report.pdf (policy …)". */
const blockedNoun = (action: string) =>
  action.startsWith("proxy_download_") ? "download" : action.startsWith("proxy_export_") ? "export" : action === "proxy_view_page" ? "page view" : action === "proxy_sign_in" ? "sign-in" : "request";

const describeAction = (klass: TClassification, input: TProxyRequestRecord, product: string, object: string): string => {
  const on = `on ${describeDevice(input.device)}`;
  const outcome = input.outcome === "completed" ? "" : input.outcome === "aborted" ? " (aborted by the client)" : " (failed: upstream error)";
  if (klass.action === "proxy_sign_in") return `Signed in to ${input.siteHost} ${on}${outcome}`;
  if (klass.action === "proxy_view_page") return `Viewed ${object} in ${product} ${on}${outcome}`;
  const verb = klass.action.startsWith("proxy_export_") ? "Exported" : "Downloaded";
  return `${verb} ${object} (${formatBytes(input.bytesSent)}) from ${product} ${on}${outcome}`;
};

const describe = (klass: TClassification, input: TProxyRequestRecord): string => {
  const product = PRODUCT_NAMES[klass.product] ?? klass.product;
  const object = klass.fileName ?? input.file?.name ?? klass.objectName ?? klass.objectId ?? input.path;
  const blockedBy = input.decision?.blockedBy;
  if (blockedBy) return `Blocked ${blockedNoun(klass.action)} of ${object} (policy ${blockedBy.name}) from ${product} on ${describeDevice(input.device)}`;
  const audited = input.decision?.outcome === "audited" ? ` (audited: policy ${input.decision.matched.map((p) => p.name).join(", ")})` : "";
  return describeAction(klass, input, product, object) + audited;
};

/** What the proxy knows about one finished request. */
export type TProxyRequestRecord = Readonly<{
  eventId: string;
  time: Date;
  connectorId: string;
  siteHost: string;
  sessionId: string;
  account: TAccount | null;
  device: TDevice;
  ip: string | null;
  userAgent: string | null;
  method: string;
  host: string;
  path: string;
  status: number;
  bytesSent: number;
  contentType: string | null;
  outcome: TOutcome;
  /** The session policies' verdict (null: none enabled, or not evaluated). */
  decision?: TSessionDecision | null;
  /** The file the request moved (or would have), for downloads and exports. */
  file?: TFileFacts | null;
}>;

export const buildProxyActivity = (klass: TClassification, input: TProxyRequestRecord): TSessionActivity => {
  const targets = [
    ...(klass.objectType ? [{ type: klass.objectType, id: klass.objectId ?? null, name: klass.objectName ?? null }] : []),
    ...(klass.fileName ? [{ type: "file", id: null, name: klass.fileName }] : []),
  ];
  const activity: Omit<TSessionActivity, "searchText"> = {
    connectorId: input.connectorId,
    eventId: input.eventId,
    eventTime: input.time,
    processedAt: input.time,
    action: klass.action,
    actionName: klass.action === "proxy_other" ? klass.action : PROXY_ACTION_NAMES[klass.action],
    actionGroup: "session_proxy",
    product: ACTIVITY_PRODUCT[klass.product],
    siteId: null,
    siteName: input.siteHost,
    actorId: input.account?.id ?? "anonymous",
    actorName: input.account?.name ?? null,
    actorEmail: input.account?.email ?? null,
    onBehalfOfId: null,
    authType: null,
    tokenId: null,
    // "anonymous" is everyone before sign-in, not one person: detection's per-user profiles (travel, volume) skip it.
    isSystem: input.account === null,
    isAdminAction: false,
    isImpersonation: false,
    targets,
    targetName: klass.fileName ?? klass.objectName ?? null,
    ip: input.ip,
    ...NO_LOCATION,
    message: describe(klass, input),
    sessionOutcome: input.decision?.outcome ?? null,
    sessionPolicyIds: input.decision?.matched.map((p) => p.id) ?? [],
    raw: {
      sessionId: input.sessionId,
      device: { managed: input.device.isManaged, subject: input.device.subject, serial: input.device.serial },
      userAgent: input.userAgent,
      method: input.method,
      host: input.host,
      path: input.path,
      status: input.status,
      bytesSent: input.bytesSent,
      contentType: input.contentType,
      outcome: input.decision?.blockedBy ? "blocked" : input.outcome,
      policies: input.decision?.matched.map((p) => ({ id: p.id, name: p.name, action: p.action.kind })) ?? [],
      blockedBy: input.decision?.blockedBy?.id ?? null,
      file: input.file ?? null,
    },
  };
  return { ...activity, searchText: buildSearchText(activity as Parameters<typeof buildSearchText>[0]) };
};
