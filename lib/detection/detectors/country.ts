import { alertCandidate } from "../candidate";
import { countryName, formatClock } from "../format";
import { DAY_MS, LEARNING_MS, SESSION_GAP_MS } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { isInteractiveSuccess, SAFE_CATEGORIES, whoOf, type TDetectorInput } from "./context";

const ORG_USUAL_USERS = 5;
const MAX_ORG_USERS = 20;

/**
 * infrequent_country: a successful interactive activity from a country the user has not used in the last
 * 30 days, once the user has 7 days of history. Low: only countries fewer than 5 of the org's users were
 * seen in. High: also a country no one in the org used in 30 days (once the org has 7 days of history),
 * even for users still learning; Corporate/VPN ranges are trusted below high (VPN egress is not recorded).
 * Later activities from that country in the same session continue the alert.
 */
export const detectInfrequentCountry = ({ a, t, user, org, policy, isLearned }: TDetectorInput): TAlertCandidate | null => {
  if (!isInteractiveSuccess(a) || !a.countryCode) return null;
  const cc = a.countryCode;
  const sensitivity = policy?.sensitivity ?? "medium";
  const isSafe = a.ipCategory !== null && SAFE_CATEGORIES.has(a.ipCategory);
  if (a.ipCategory === "vpn" && sensitivity !== "high") return null;
  const seen = user.countries[cc];
  const isNewToUser = !seen || seen[0] <= t - 30 * DAY_MS;
  const orgSeen = org.countries[cc];
  const isNewToOrg = !orgSeen || orgSeen[0] <= t - 30 * DAY_MS;
  const knownCountries = () => Object.keys(user.countries).filter((c) => c !== cc && (user.countries[c]?.[0] ?? 0) > t - 30 * DAY_MS);
  // Record after deciding: the baseline is the history before this activity.
  // In place: this runs for every activity.
  if (seen) {
    if (Math.floor(seen[0] / DAY_MS) !== Math.floor(t / DAY_MS) && t > seen[0]) seen[1]++;
    seen[0] = Math.max(seen[0], t);
  } else user.countries[cc] = [t, 1];
  if (orgSeen) {
    orgSeen[0] = Math.max(orgSeen[0], t);
    if (orgSeen[1].length < MAX_ORG_USERS && !orgSeen[1].includes(a.actorId)) orgSeen[1].push(a.actorId);
  } else org.countries[cc] = [t, [a.actorId]];
  if (!policy) return null;

  const open = user.episodes[policy.key];
  if (open && open.cc === cc && t - open.last <= SESSION_GAP_MS && t >= open.first) {
    open.last = Math.max(open.last, t);
    open.n++;
    return candidate(policy, a, open, knownCountries(), "continuing");
  }
  if (isSafe && sensitivity !== "high") return null;
  const isOrgLearned = t - org.first >= LEARNING_MS;
  const userRule = isLearned && isNewToUser && (sensitivity !== "low" || (orgSeen?.[1].length ?? 0) < ORG_USUAL_USERS);
  const orgRule = sensitivity === "high" && isOrgLearned && isNewToOrg;
  if (!userRule && !orgRule) return null;
  const episode = { key: `${policy.key}:${a.connectorId}:${a.actorId}:${cc}:${a.seq}`, first: t, last: t, n: 1, ips: a.ip ? [a.ip] : [], tags: [], cc };
  user.episodes[policy.key] = episode;
  return candidate(policy, a, episode, knownCountries(), userRule ? "user" : "org");
};

const candidate = (
  policy: NonNullable<TDetectorInput["policy"]>,
  a: TDetectorInput["a"],
  episode: { key: string; first: number; last: number; n: number; cc?: string },
  known: readonly string[],
  reason: "user" | "org" | "continuing",
): TAlertCandidate => {
  const cc = episode.cc ?? "";
  const where = `${a.city ? `${a.city}, ` : ""}${countryName(cc)}`;
  const baseline =
    known.length === 0 ? "no other country in the previous 30 days" : `this user's countries in the previous 30 days: ${known.map((c) => countryName(c)).join(", ")}`;
  const orgNote = reason === "org" ? "; no one in the organization used this country in the previous 30 days" : "";
  return alertCandidate(policy, a, {
    episodeKey: episode.key,
    title: `Activity from infrequent country: ${whoOf(a)} from ${countryName(cc)}`,
    explanation: `${episode.n === 1 ? "Activity" : `${episode.n} activities`} from ${where}${a.ip ? ` (${a.ip})` : ""} at ${formatClock(new Date(episode.first))} UTC; ${baseline}${orgNote}`,
    details: { countryCode: cc, ip: a.ip, knownCountries: known, activities: episode.n, reason },
    activitySeqs: [a.seq],
    first: episode.first,
    last: episode.last,
  });
};
