import { loadBuiltinThreatLists } from "../../../enrichment/builtin-threat-lists";
import { parseCidr, type TCidr } from "../../../enrichment/cidr";
import type { TEnrichmentContext, TRangeMatch } from "../../../enrichment/enrich-activities";
import { openGeoIp, type TGeoIpLookup } from "../../../enrichment/geoip";
import { createIpIndex, createIpSet } from "../../../enrichment/ip-index";
import { listIpRanges, readEnrichmentStamp } from "../../repositories/ip-range-repository";
import { listUploadedThreatLists } from "../../repositories/threat-list-repository";
import type { Logger } from "../../logger";

/** How often the worker checks whether ranges or threat lists changed (one tiny query). */
const CHECK_EVERY_MS = 5_000;

type Cached = { stamp: string; checkedAt: number; ranges: TEnrichmentContext["ranges"]; threatLists: TEnrichmentContext["threatLists"] };

let cached: Cached | null = null;
let geoip: TGeoIpLookup | null | undefined;

const cidrsOf = (texts: readonly string[]): TCidr[] => texts.map((t) => parseCidr(t)).filter((c): c is TCidr => c !== null);

const toLocation = (value: unknown): TRangeMatch["location"] => {
  if (!value || typeof value !== "object") return null;
  const v = value as { countryCode?: unknown; city?: unknown; lat?: unknown; lon?: unknown };
  if (typeof v.countryCode !== "string") return null;
  return {
    countryCode: v.countryCode,
    ...(typeof v.city === "string" ? { city: v.city } : {}),
    ...(typeof v.lat === "number" && typeof v.lon === "number" ? { lat: v.lat, lon: v.lon } : {}),
  };
};

const rebuild = async (stamp: string): Promise<Cached> => {
  const [ranges, uploaded] = await Promise.all([listIpRanges(), listUploadedThreatLists()]);
  const entries = ranges.flatMap((range) => {
    const match: TRangeMatch = { id: range.id, category: range.category, tags: range.tags, location: toLocation(range.location), expiresAtMs: range.expiresAt?.getTime() ?? null };
    return cidrsOf(range.cidrs).map((cidr) => ({ cidr, value: match }));
  });
  const uploadedByTag = new Map(uploaded.map((list) => [list.tag, cidrsOf(list.cidrs)]));
  const builtin = loadBuiltinThreatLists();
  const tags = [...new Set([...builtin.map((l) => l.tag), ...uploadedByTag.keys()])].sort();
  const threatLists = tags.map((tag) => ({ tag, ...createIpSet(uploadedByTag.get(tag) ?? builtin.find((l) => l.tag === tag)?.cidrs ?? []) }));
  return { stamp, checkedAt: Date.now(), ranges: createIpIndex(entries), threatLists };
};

/**
 * The enrichment lookups of this process: IP ranges and threat lists (rebuilt when their change stamp
 * moves, checked at most every few seconds) and the GeoIP databases (opened once, when first needed). Without GeoIP data
 * (package missing) enrichment goes on with tags only.
 */
export const loadEnrichmentContext = async (options: Readonly<{ logger?: Logger; now?: Date; needsGeoIp?: boolean }> = {}): Promise<TEnrichmentContext> => {
  const nowMs = (options.now ?? new Date()).getTime();
  // The databases take ~45 MB: a worker whose events all carry their own location never opens them.
  if (geoip === undefined && options.needsGeoIp !== false) {
    geoip = await openGeoIp().catch((error: unknown) => {
      options.logger?.warn({ err: error }, "GeoIP databases unavailable; locations come from events and ranges only");
      return null;
    });
  }
  if (!cached || Date.now() - cached.checkedAt >= CHECK_EVERY_MS) {
    const stamp = await readEnrichmentStamp();
    if (cached?.stamp === stamp) cached.checkedAt = Date.now();
    else cached = await rebuild(stamp);
  }
  return { ranges: cached.ranges, threatLists: cached.threatLists, geoip: geoip ?? null, nowMs };
};

/** Forces the next load to re-read ranges and lists (after a write in this process, and in tests). */
export const invalidateEnrichmentContext = (): void => {
  cached = null;
};
