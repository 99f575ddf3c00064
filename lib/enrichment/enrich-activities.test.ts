import { beforeAll, describe, expect, it } from "vitest";
import { loadBuiltinThreatLists } from "./builtin-threat-lists";
import { parseCidr, type TCidr } from "./cidr";
import { enrichActivities, type TEnrichable, type TEnrichmentContext, type TRangeMatch } from "./enrich-activities";
import { openGeoIp, type TGeoIpLookup } from "./geoip";
import { createIpIndex, createIpSet } from "./ip-index";

let geoip: TGeoIpLookup;
beforeAll(async () => {
  geoip = await openGeoIp();
});

const bare = (ip: string | null, overrides: Partial<TEnrichable> = {}): TEnrichable & { searchText: string } => ({
  ip,
  country: null,
  countryCode: null,
  region: null,
  city: null,
  lat: null,
  lon: null,
  locationSource: null,
  ipCategory: null,
  ipTags: [],
  searchText: "",
  ...overrides,
});

const range = (cidr: string, match: Partial<TRangeMatch>) => ({
  cidr: parseCidr(cidr) as TCidr,
  value: { id: cidr, category: "corporate", tags: [], location: null, expiresAtMs: null, ...match },
});

const context = (ranges: ReturnType<typeof range>[] = [], withGeo = true): TEnrichmentContext => ({
  ranges: createIpIndex(ranges),
  threatLists: loadBuiltinThreatLists().map((l) => ({ tag: l.tag, ...createIpSet(l.cidrs) })),
  geoip: withGeo ? geoip : null,
  nowMs: Date.parse("2026-11-24T00:00:00Z"),
});

describe("GeoIP", () => {
  it.each([
    ["81.2.69.142", "GB"],
    ["1.120.45.8", "AU"],
    ["5.9.23.11", "DE"],
    ["2a01:4f8::1", "DE"],
    ["::ffff:81.2.69.142", "GB"],
  ])("places %s in %s", (ip, country) => {
    const [a] = enrichActivities([bare(ip)], context());
    expect(a).toMatchObject({ countryCode: country, locationSource: "geoip" });
    expect(a?.lat).toEqual(expect.any(Number));
  });

  it("leaves documentation addresses without a location", () => {
    expect(enrichActivities([bare("203.0.113.9")], context())[0]).toMatchObject({ countryCode: null, locationSource: null });
  });
});

describe("precedence", () => {
  it("tags threat-listed IPs risky with every matching tag", () => {
    expect(enrichActivities([bare("185.220.101.33")], context())[0]).toMatchObject({ ipCategory: "risky", ipTags: ["tor"] });
    expect(enrichActivities([bare("192.0.2.5")], context())[0]).toMatchObject({ ipCategory: "risky", ipTags: ["anonymous_proxy"] });
    expect(enrichActivities([bare("198.18.0.9")], context())[0]).toMatchObject({ ipTags: ["password_spray"] });
    expect(enrichActivities([bare("81.2.69.142")], context())[0]).toMatchObject({ ipCategory: null, ipTags: [] });
  });

  it("lets a custom range win over the built-in tags", () => {
    const ctx = context([range("185.220.101.0/28", { category: "vpn", tags: ["remote_access"] })]);
    expect(enrichActivities([bare("185.220.101.3"), bare("185.220.101.20")], ctx)).toMatchObject([
      { ipCategory: "vpn", ipTags: ["remote_access"] },
      { ipCategory: "risky", ipTags: ["tor"] },
    ]);
  });

  it("ignores an expired range", () => {
    const ctx = context([range("185.220.101.0/28", { category: "vpn", expiresAtMs: Date.parse("2026-01-01") })]);
    expect(enrichActivities([bare("185.220.101.3")], ctx)[0]).toMatchObject({ ipCategory: "risky", ipTags: ["tor"] });
  });

  it("keeps the event's own location, else the range override, else GeoIP", () => {
    const ctx = context([range("81.2.69.0/24", { location: { countryCode: "FR", city: "Paris", lat: 48.85, lon: 2.35 } }), range("5.9.0.0/16", { location: { countryCode: "CH" } })]);
    const own = bare("81.2.69.142", { country: "Japan", countryCode: "JP", city: "Tokyo", lat: 35.6, lon: 139.7, locationSource: "event" });
    const rebuilt: string[] = [];
    const out = enrichActivities([own, bare("81.2.69.142"), bare("5.9.23.11"), bare("1.120.45.8")], ctx, (a) => {
      rebuilt.push(a.ip ?? "");
      return { ...a, searchText: `${a.city ?? ""} ${a.country ?? ""}`.trim() };
    });
    expect(out[0]).toMatchObject({ countryCode: "JP", city: "Tokyo", locationSource: "event", ipCategory: "corporate" });
    expect(out[1]).toMatchObject({ countryCode: "FR", country: "France", city: "Paris", lat: 48.85, locationSource: "range", searchText: "Paris France" });
    // Without coordinates the override falls back to the country's centroid.
    expect(out[2]).toMatchObject({ countryCode: "CH", country: "Switzerland", city: null, locationSource: "range", lat: expect.any(Number) });
    expect(out[3]).toMatchObject({ countryCode: "AU", locationSource: "geoip" });
    expect(rebuilt).toEqual(["81.2.69.142", "5.9.23.11", "1.120.45.8"]);
  });

  it("fills in an event that has only a coarse region label (geo \"EU\"), keeping the label when the fill names no region", () => {
    const ctx = context([range("5.9.0.0/16", { location: { countryCode: "CH" } })]);
    const [geo, ranged] = enrichActivities([bare("81.2.69.142", { region: "EU" }), bare("5.9.23.11", { region: "EU" })], ctx);
    expect(geo).toMatchObject({ countryCode: "GB", locationSource: "geoip", lat: expect.any(Number) });
    expect(ranged).toMatchObject({ countryCode: "CH", locationSource: "range", region: "EU" });
  });

  it("works without GeoIP and without an IP", () => {
    expect(enrichActivities([bare(null), bare("81.2.69.142")], context([], false))).toMatchObject([{ locationSource: null }, { locationSource: null }]);
  });
});

describe("cost", () => {
  it("enriches a 500-activity page in a few milliseconds", () => {
    const ranges = Array.from({ length: 2000 }, (_, i) => range(`10.${Math.floor(i / 250)}.${i % 250}.0/24`, {}));
    const ctx = context(ranges);
    const page = Array.from({ length: 500 }, (_, i) => bare(`${(i * 13) % 223 + 1}.${i % 256}.${(i * 7) % 256}.${i % 250}`));
    enrichActivities(page, ctx);
    const started = performance.now();
    for (let i = 0; i < 20; i++) enrichActivities(page, ctx);
    const perPageMs = (performance.now() - started) / 20;
    console.log(`enrichment: ${perPageMs.toFixed(2)} ms per 500-activity page (500 distinct IPs, 2000 ranges, GeoIP)`);
    expect(perPageMs).toBeLessThan(50);
  });
});
