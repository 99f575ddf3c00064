// npx tsx scripts/bench/enrichment.ts – cost of IP enrichment (ranges, threat lists, GeoIP) per 500-activity sync page; prints JSON lines
import { loadBuiltinThreatLists } from "../../lib/enrichment/builtin-threat-lists";
import { parseCidr, type TCidr } from "../../lib/enrichment/cidr";
import { enrichActivities, type TEnrichable } from "../../lib/enrichment/enrich-activities";
import { openGeoIp } from "../../lib/enrichment/geoip";
import { createIpIndex, createIpSet } from "../../lib/enrichment/ip-index";

const geoip = await openGeoIp();
const ranges = Array.from({ length: 1000 }, (_, i) => ({ cidr: parseCidr(`10.${Math.floor(i / 250)}.${i % 250}.0/24`) as TCidr, value: { id: String(i), category: "corporate", tags: [], location: null, expiresAtMs: null } }));
const ctx = { ranges: createIpIndex(ranges), threatLists: loadBuiltinThreatLists().map((l) => ({ tag: l.tag, ...createIpSet(l.cidrs) })), geoip, nowMs: Date.now() };
const row = (ip: string, own: boolean): TEnrichable => ({ ip, country: own ? "United Kingdom" : null, countryCode: own ? "GB" : null, region: null, city: own ? "London" : null, lat: own ? 51.5 : null, lon: own ? -0.1 : null, locationSource: own ? "event" : null, ipCategory: null, ipTags: [] });
const distinct = Array.from({ length: 500 }, (_, i) => row(`${((i * 13) % 223) + 1}.${i % 256}.${(i * 7) % 256}.${i % 250}`, false));
const typical = Array.from({ length: 500 }, (_, i) => row(`81.2.69.${i % 40}`, i % 5 !== 0));
const v6 = Array.from({ length: 500 }, (_, i) => row(`2a01:4f8:${i.toString(16)}::${(i * 7).toString(16)}`, false));
for (const [label, page] of [["500 distinct IPv4, no event location", distinct], ["500 events, 40 IPs, 80% with event location", typical], ["500 distinct IPv6, no event location", v6]] as const) {
  for (let i = 0; i < 50; i++) enrichActivities(page, ctx);
  const n = 200;
  const t = performance.now();
  for (let i = 0; i < n; i++) enrichActivities(page, ctx);
  console.log(JSON.stringify({ page: label, msPerPage: +((performance.now() - t) / n).toFixed(2) }));
}
