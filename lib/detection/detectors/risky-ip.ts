import { alertCandidate } from "../candidate";
import { countryName, formatClock, formatDuration } from "../format";
import { SESSION_GAP_MS } from "../profile-state";
import type { TAlertCandidate, TDetectionActivity } from "../types";
import { ANONYMOUS_TAGS, isInteractiveSuccess, SUSPICIOUS_TAGS, whoOf, type TDetectorInput } from "./context";

/** Low sensitivity: an IP this many org users used in 30 days is taken as mis-tagged. */
const SHARED_IP_USERS = 3;
const MAX_IP_USERS = 5;

type TKind = "anonymous_ip" | "suspicious_ip";

const tagsFor = (kind: TKind, a: TDetectionActivity, isHigh: boolean): string[] => {
  if (kind === "anonymous_ip") return a.ipTags.filter((tag) => ANONYMOUS_TAGS.includes(tag));
  const tags = a.ipTags.filter((tag) => SUSPICIOUS_TAGS.includes(tag));
  // High: any range of category "risky" counts, even without a threat tag.
  if (tags.length === 0 && isHigh && a.ipCategory === "risky" && !a.ipTags.some((tag) => ANONYMOUS_TAGS.includes(tag))) return ["risky"];
  return tags;
};

/** Records who uses each tagged IP (for the low-sensitivity suppression of widely shared IPs). */
export const recordRiskyIp = ({ a, t, org }: Pick<TDetectorInput, "a" | "t" | "org">): void => {
  if (!a.ip || (a.ipTags.length === 0 && a.ipCategory !== "risky") || !isInteractiveSuccess(a)) return;
  const entry = org.riskyIps[a.ip] ?? [t, []];
  entry[0] = Math.max(entry[0], t);
  if (!entry[1].includes(a.actorId) && entry[1].length < MAX_IP_USERS) entry[1].push(a.actorId);
  org.riskyIps[a.ip] = entry;
};

/**
 * anonymous_ip (tags tor, anonymous_proxy) and suspicious_ip (botnet, malware_c2, password_spray, ...):
 * successful interactive activity from a tagged IP; no learning period. One alert per user per session
 * (30-minute gap). Low: IPs used by 3+ of the org's users in 30 days are ignored (mis-tagged); high:
 * suspicious_ip also covers "risky" ranges without a threat tag.
 */
export const detectRiskyIp = (kind: TKind, { a, t, user, org, policy }: TDetectorInput): TAlertCandidate | null => {
  if (!policy || !a.ip || !isInteractiveSuccess(a)) return null;
  const tags = tagsFor(kind, a, policy.sensitivity === "high");
  if (tags.length === 0) return null;
  if (policy.sensitivity === "low" && (org.riskyIps[a.ip]?.[1].filter((id) => id !== a.actorId).length ?? 0) >= SHARED_IP_USERS - 1) return null;
  const open = user.episodes[policy.key];
  const isContinuing = open !== undefined && t - open.last <= SESSION_GAP_MS && t >= open.first - SESSION_GAP_MS;
  const episode = isContinuing && open ? open : { key: `${policy.key}:${a.connectorId}:${a.actorId}:${a.seq}`, first: t, last: t, n: 0, ips: [], tags: [] };
  episode.first = Math.min(episode.first, t);
  episode.last = Math.max(episode.last, t);
  episode.n++;
  if (!episode.ips.includes(a.ip)) episode.ips.push(a.ip);
  for (const tag of tags) if (!episode.tags.includes(tag)) episode.tags.push(tag);
  user.episodes[policy.key] = episode;
  const where = [a.city, a.countryCode ? countryName(a.countryCode) : null].filter(Boolean).join(", ");
  const span = episode.n > 1 ? ` between ${formatClock(new Date(episode.first))} and ${formatClock(new Date(episode.last))} UTC (${formatDuration(episode.last - episode.first)})` : ` at ${formatClock(new Date(t))} UTC`;
  return alertCandidate(policy, a, {
    episodeKey: episode.key,
    title: `${kind === "anonymous_ip" ? "Activity from anonymous IP" : "Activity from suspicious IP"}: ${whoOf(a)}`,
    explanation: `${episode.n === 1 ? "1 activity" : `${episode.n} activities`} from ${episode.ips.join(", ")} tagged ${episode.tags.join(", ")}${where ? ` (${where})` : ""}${span}`,
    details: { ips: episode.ips, tags: episode.tags, ipCategory: a.ipCategory, activities: episode.n },
    activitySeqs: [a.seq],
    first: episode.first,
    last: episode.last,
  });
};
