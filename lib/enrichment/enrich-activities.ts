import { findCountry } from "../geo/countries";
import { parseIp, type TParsedIp } from "./cidr";
import type { TGeoIpLookup } from "./geoip";
import type { TIpIndex } from "./ip-index";

/** The activity columns enrichment reads and fills (see NormalizedActivity). */
export type TEnrichable = Readonly<{
  ip: string | null;
  country: string | null;
  countryCode: string | null;
  region: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  locationSource: "event" | "range" | "geoip" | null;
  ipCategory: string | null;
  ipTags: readonly string[];
}>;

/** What a custom IP range contributes to the activities whose IP it covers. */
export type TRangeMatch = Readonly<{
  id: string;
  category: string;
  tags: readonly string[];
  location: Readonly<{ countryCode: string; city?: string; lat?: number; lon?: number }> | null;
  /** Epoch ms after which the range no longer applies; null for never. */
  expiresAtMs: number | null;
}>;

export type TEnrichmentContext = Readonly<{
  ranges: TIpIndex<TRangeMatch>;
  threatLists: readonly Readonly<{ tag: string; has: (ip: TParsedIp) => boolean }>[];
  geoip: TGeoIpLookup | null;
  nowMs: number;
}>;

type Fill = Partial<Pick<TEnrichable, "country" | "countryCode" | "region" | "city" | "lat" | "lon" | "locationSource" | "ipCategory" | "ipTags">>;

const hasOwnLocation = (a: TEnrichable) => a.locationSource === "event" || Boolean(a.countryCode || a.country || a.city || a.lat !== null);

const rangeLocation = (location: NonNullable<TRangeMatch["location"]>): Fill => {
  const country = findCountry(location.countryCode);
  const hasCoords = location.lat !== undefined && location.lon !== undefined;
  return {
    country: country?.name ?? null,
    countryCode: location.countryCode,
    region: null,
    city: location.city ?? null,
    // Without coordinates the country's centroid stands in, so travel distances stay meaningful.
    lat: hasCoords ? (location.lat ?? null) : (country?.lat ?? null),
    lon: hasCoords ? (location.lon ?? null) : (country?.lon ?? null),
    locationSource: "range",
  };
};

/** Everything enrichment knows about one address, without the activity's own location taken into account. */
const describeIp = (ip: string, context: TEnrichmentContext): { tags: Fill; location: Fill | null } => {
  const parsed = parseIp(ip);
  if (!parsed) return { tags: {}, location: null };
  const range = context.ranges.find(parsed);
  const activeRange = range && (range.expiresAtMs === null || range.expiresAtMs > context.nowMs) ? range : undefined;
  let tags: Fill = {};
  if (activeRange) {
    // Custom ranges win over the built-in threat lists: their category and tags replace the lists' tags.
    tags = { ipCategory: activeRange.category, ipTags: [...activeRange.tags] };
  } else {
    const listed = context.threatLists.filter((list) => list.has(parsed)).map((list) => list.tag);
    if (listed.length > 0) tags = { ipCategory: "risky", ipTags: listed };
  }
  if (activeRange?.location) return { tags, location: rangeLocation(activeRange.location) };
  const geo = context.geoip?.(ip, parsed);
  const location: Fill | null = geo
    ? { country: findCountry(geo.countryCode)?.name ?? geo.countryCode, countryCode: geo.countryCode, region: geo.region, city: geo.city, lat: geo.lat, lon: geo.lon, locationSource: "geoip" }
    : null;
  return { tags, location };
};

/**
 * Fills IP category, tags and (when the event has none) the location of each activity. Precedence:
 * tags from a custom range, else from the threat lists; location from the event itself, else the
 * covering range's override, else GeoIP. `onLocationAdded` lets the caller rebuild derived text.
 */
export const enrichActivities = <T extends TEnrichable>(activities: readonly T[], context: TEnrichmentContext, onLocationAdded: (a: T) => T = (a) => a): T[] => {
  const byIp = new Map<string, ReturnType<typeof describeIp>>();
  return activities.map((activity) => {
    if (!activity.ip) return activity;
    let described = byIp.get(activity.ip);
    if (!described) {
      described = describeIp(activity.ip, context);
      byIp.set(activity.ip, described);
    }
    const withTags = { ...activity, ...described.tags };
    if (hasOwnLocation(activity) || !described.location) return withTags;
    // A coarse region label of the event ("EU") stays when the filled-in location names no region.
    return onLocationAdded({ ...withTags, ...described.location, region: described.location.region ?? activity.region });
  });
};
