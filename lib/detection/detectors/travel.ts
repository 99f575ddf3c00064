import { areNeighbours } from "../../geo/countries";
import { alertCandidate } from "../candidate";
import { countryName, distanceKm, formatClock, formatDuration, formatNumber } from "../format";
import type { TLocation } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { isInteractiveSuccess, SAFE_CATEGORIES, whoOf, type TDetectorInput } from "./context";

export const TRAVEL_MAX_KMH = 1000;
const RETURN_WINDOW_MS = 24 * 3_600_000;
/** Below a minute the speed is computed over one minute (clocks and GeoIP are not that precise). */
const MIN_DT_MS = 60_000;

/** Low and medium: a country seen on this many days in the last 30 is one of the user's usual places. */
const USUAL_COUNTRY_DAYS = 3;
/** Low: a country where this many of the org's users were seen is usual for the org. */
const ORG_USUAL_USERS = 5;

const label = (loc: Pick<TLocation, "city" | "cc">) => loc.city ?? countryName(loc.cc);

/**
 * impossible_travel: consecutive successful interactive activities of a user from places further apart
 * than 1,000 km/h allows. Same or bordering countries never alert. Low/medium: VPN egress is not where
 * the user is (skipped), both sides Corporate/VPN are trusted, and the user's usual countries (seen on 3+
 * days) are trusted; low also trusts countries 5+ users of the org use. High: none of these suppressions.
 */
export const detectTravel = ({ a, t, user, org, policy, isLearned }: TDetectorInput): TAlertCandidate | null => {
  if (!isInteractiveSuccess(a) || a.lat === null || a.lon === null || !a.countryCode) return null;
  const sensitivity = policy?.sensitivity ?? "medium";
  if (sensitivity !== "high" && a.ipCategory === "vpn") return null;
  const here: TLocation = { t, seq: a.seq.toString(), cc: a.countryCode, lat: a.lat, lon: a.lon, city: a.city, ip: a.ip, cat: a.ipCategory };
  const prev = user.loc;
  user.loc = !prev || t >= prev.t ? here : prev;
  if (!prev || !policy || !isLearned || prev.cc === here.cc || areNeighbours(prev.cc, here.cc)) return null;
  const km = distanceKm(prev, here);
  const dt = Math.abs(t - prev.t);
  const kmh = km / (Math.max(dt, MIN_DT_MS) / 3_600_000);
  if (kmh <= TRAVEL_MAX_KMH) return null;
  if (sensitivity !== "high") {
    if (prev.cat && here.cat && SAFE_CATEGORIES.has(prev.cat) && SAFE_CATEGORIES.has(here.cat)) return null;
    const usual = user.countries[here.cc];
    if (usual && usual[1] >= USUAL_COUNTRY_DAYS && (user.countries[prev.cc]?.[1] ?? 0) >= USUAL_COUNTRY_DAYS) return null;
    if (sensitivity === "low" && (org.countries[here.cc]?.[1].length ?? 0) >= ORG_USUAL_USERS) return null;
  }
  const [from, to] = prev.t <= t ? [prev, here] : [here, prev];
  // The way back to where the user came from, within a day, continues the same episode.
  const open = user.episodes[policy.key];
  const isReturn = open !== undefined && t - open.last <= RETURN_WINDOW_MS && open.cc === from.cc && open.from === to.cc;
  const episode = isReturn && open ? open : { key: `${policy.key}:${a.connectorId}:${a.actorId}:${from.seq}:${to.seq}`, first: from.t, last: to.t, n: 0, ips: [], tags: [], cc: to.cc, from: from.cc };
  episode.first = Math.min(episode.first, from.t);
  episode.last = Math.max(episode.last, to.t);
  episode.n += isReturn ? 1 : 2;
  user.episodes[policy.key] = episode;
  const hop = `${label(from)} ${formatClock(new Date(from.t))} → ${label(to)} ${formatClock(new Date(to.t))}: ${formatNumber(km)} km in ${formatDuration(dt)} (${formatNumber(kmh)} km/h)`;
  return alertCandidate(policy, a, {
    episodeKey: episode.key,
    title: `Impossible travel: ${whoOf(a)} (${countryName(from.cc)} → ${countryName(to.cc)})`,
    explanation: isReturn ? `${hop}; back to ${countryName(to.cc)} after the first hop` : `${hop}; faster than ${formatNumber(TRAVEL_MAX_KMH)} km/h`,
    details: { from: { ...from }, to: { ...to }, km: Math.round(km), minutes: Math.round(dt / 60_000), kmh: Math.round(kmh), sensitivity },
    activitySeqs: isReturn ? [a.seq] : [BigInt(from.seq), BigInt(to.seq)],
    first: episode.first,
    last: episode.last,
  });
};

