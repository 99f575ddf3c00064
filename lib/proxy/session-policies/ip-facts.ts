// IP facts for session policies (category, tags, country), from the same enrichment context the proxy's writer
// stores with each activity (custom ranges, threat lists, GeoIP), so a policy sees what the activity log will show.
import { enrichActivities, type TEnrichmentContext } from "../../enrichment/enrich-activities";
import type { Logger } from "../../server/logger";
import { loadEnrichmentContext } from "../../server/services/ip-ranges/load-enrichment-context";
import { NO_LOCATION } from "../build-activity";
import { every } from "../every";

export type TIpFacts = Readonly<{ ipCategory: string | null; ipTags: readonly string[]; countryCode: string | null }>;

const NONE: TIpFacts = { ipCategory: null, ipTags: [], countryCode: null };
/** Distinct client IPs kept; past it the cache starts over (a flood of addresses costs lookups, not memory). */
const MAX_CACHED = 50_000;
/** loadEnrichmentContext itself checks the ranges' change stamp at most every 5 s: asking it every second is free. */
const REFRESH_MS = 1_000;
/** A range can expire without its change stamp moving: cached facts are dropped at least this often. */
const MAX_AGE_MS = 60_000;

export type TIpFactsSource = Readonly<{ factsOf: (ip: string | null) => TIpFacts; refresh: () => Promise<void>; close: () => void }>;

/**
 * Facts per IP, cached until the enrichment context changes (ranges or threat lists edited, GeoIP opened). GeoIP (45 MB)
 * is opened only once a policy filters on countries, or when the writer opened it for the activities.
 */
export const startIpFacts = async (options: Readonly<{ logger: Logger; needsGeoIp: () => boolean }>): Promise<TIpFactsSource> => {
  let context: TEnrichmentContext | null = null;
  let cache = new Map<string, TIpFacts>();
  let cachedSince = Date.now();
  let isFailing = false;

  const refresh = async () => {
    try {
      const next = await loadEnrichmentContext({ logger: options.logger, needsGeoIp: options.needsGeoIp() });
      const isChanged = !context || next.ranges !== context.ranges || next.threatLists !== context.threatLists || next.geoip !== context.geoip;
      if (isChanged || Date.now() - cachedSince > MAX_AGE_MS) {
        cache = new Map();
        cachedSince = Date.now();
      }
      context = next;
      isFailing = false;
    } catch (error) {
      if (!isFailing) options.logger.warn({ err: { message: (error as Error).message } }, "cannot refresh IP ranges for session policies; keeping the last ones");
      isFailing = true;
    }
  };

  await refresh();
  const stop = every(REFRESH_MS, refresh);
  return {
    factsOf: (ip) => {
      if (!ip || !context) return NONE;
      let facts = cache.get(ip);
      if (!facts) {
        const [enriched] = enrichActivities([{ ...NO_LOCATION, ip }], { ...context, nowMs: Date.now() });
        facts = enriched ? { ipCategory: enriched.ipCategory, ipTags: enriched.ipTags, countryCode: enriched.countryCode } : NONE;
        if (cache.size >= MAX_CACHED) cache = new Map();
        cache.set(ip, facts);
      }
      return facts;
    },
    refresh,
    close: stop,
  };
};
