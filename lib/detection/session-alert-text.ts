import { formatBytes } from "../shared/format-bytes";
import type { TSessionAlertDetails } from "../shared/schemas/session-alerts";
import { countryName, formatClock } from "./format";
import { isAnonymousMatch, type TSessionMatch } from "./session-request";

/** The policy as the alert names it. */
export type TSessionAlertPolicyRef = Readonly<{ id: string; name: string; action: "block" | "audit" }>;

// What a person calls each logged action, in a sentence ("the download of report.pdf").
const NOUNS: Readonly<Record<string, string>> = {
  proxy_view_page: "page view",
  proxy_download_attachment: "download",
  proxy_export_page: "page export",
  proxy_export_space: "space export",
  proxy_export_issues: "issue export",
  proxy_download_archive: "archive download",
  proxy_download_raw_file: "raw file download",
  proxy_sign_in: "sign-in",
};

export const isDownloadOrExport = (action: string): boolean => /^proxy_(download|export)_/.test(action);

const nounOf = (action: string) => NOUNS[action] ?? "request";

const userLabel = (m: TSessionMatch): string =>
  isAnonymousMatch(m) ? "an anonymous user (not signed in)" : (m.activity.actorEmail ?? m.activity.actorName ?? m.activity.actorId);

const deviceLabel = (m: TSessionMatch): string => {
  const { managed, subject } = m.request.device;
  if (managed) return subject ? `a managed device (${subject})` : "a managed device";
  return subject ? `an unmanaged device (untrusted certificate ${subject})` : "an unmanaged device";
};

/** The file, else the object the request named (page, issue, repository), else its path. */
const objectOf = (m: TSessionMatch): string => m.request.file?.name ?? m.activity.targetName ?? m.request.path ?? "an unnamed object";

const locationOf = (m: TSessionMatch): string | null => {
  const { city, countryCode } = m.activity;
  if (!countryCode) return city;
  return city ? `${city}, ${countryName(countryCode)}` : countryName(countryCode);
};

/** "Blocked download to an unmanaged device: report.pdf" for blocked downloads and exports; else "<policy>: <action> by <user>". */
export const sessionAlertTitle = (m: TSessionMatch, policy: TSessionAlertPolicyRef): string => {
  const noun = nounOf(m.activity.action);
  if (m.outcome === "blocked" && isDownloadOrExport(m.activity.action)) {
    return `Blocked ${noun} to ${m.request.device.managed ? "a managed" : "an unmanaged"} device: ${objectOf(m)}`;
  }
  const verb = m.outcome === "blocked" ? `blocked ${noun}` : noun;
  return `${policy.name}: ${verb} by ${userLabel(m)}`;
};

/** One sentence naming policy, outcome, what, user, device, IP and place, site and time; then the other policies matched. */
export const sessionAlertExplanation = (m: TSessionMatch, policy: TSessionAlertPolicyRef): string => {
  const size = m.request.file?.sizeBytes ?? null;
  const what = `the ${nounOf(m.activity.action)} of ${objectOf(m)}${size !== null ? ` (${formatBytes(size)})` : ""}`;
  const outcome = m.outcome === "blocked" ? "blocked" : "audited (allowed and logged)";
  const location = locationOf(m);
  const from = m.activity.ip ? ` from ${m.activity.ip}${location ? ` (${location})` : ""}` : location ? ` from ${location}` : "";
  const site = m.siteName ?? m.request.host;
  const others = m.request.policies.filter((p) => p.id !== policy.id);
  const also = others.length > 0 ? ` Also matched: ${others.map((p) => `"${p.name}" (${p.action})`).join(", ")}.` : "";
  return `Session policy "${policy.name}" ${outcome} ${what} by ${userLabel(m)} on ${deviceLabel(m)}${from}${site ? `, ${site}` : ""}, ${formatClock(m.activity.eventTime)} UTC.${also}`;
};

/** The notice's "what we saw", addressed to the user whose request it was. */
export const sessionNoticeReason = (m: TSessionMatch, policy: TSessionAlertPolicyRef): string => {
  const where = m.siteName ?? m.request.host;
  const outcome = m.outcome === "blocked" ? "blocked" : "recorded";
  return `Your ${nounOf(m.activity.action)} of ${objectOf(m)}${where ? ` on ${where}` : ""} from ${deviceLabel(m)} at ${formatClock(m.activity.eventTime)} UTC was ${outcome} by the session policy "${policy.name}".`;
};

/** The alert's evidence (docs: session alerts): session, device, file and request, as the alert page shows them. */
export const sessionAlertDetails = (m: TSessionMatch, policy: TSessionAlertPolicyRef): TSessionAlertDetails => ({
  kind: "session_policy",
  policy,
  outcome: m.outcome,
  matchedPolicies: m.request.policies.length > 0 ? m.request.policies : [policy],
  action: m.activity.action,
  product: m.activity.product,
  site: m.siteName,
  session: { id: m.request.sessionId },
  device: m.request.device,
  file: m.request.file,
  request: {
    method: m.request.method,
    host: m.request.host,
    path: m.request.path,
    status: m.request.status,
    bytes: m.request.bytesSent,
    contentType: m.request.contentType,
    userAgent: m.request.userAgent,
  },
  ip: m.activity.ip,
  location: locationOf(m),
});
