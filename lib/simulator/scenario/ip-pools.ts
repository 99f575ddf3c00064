import { z } from "zod";
import { FOREIGN_PLACES, OFFICE_PLACES, parseCidr, type TPlace } from "./geo";

/**
 * Kinds of address ranges. office/home/vpn are where employees normally work from; tor, anonymous-proxy and
 * suspicious feed the risky-IP episodes; foreign ranges sit in countries the org never works from.
 */
export const IP_POOL_KINDS = ["office", "home", "vpn", "tor", "anonymous-proxy", "suspicious", "foreign"] as const;
export type TIpPoolKind = (typeof IP_POOL_KINDS)[number];

export const ZPlace = z.object({
  city: z.string(),
  region: z.string(),
  country: z.string(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  utcOffsetHours: z.number().min(-12).max(14),
});

export const ZIpPool = z.object({
  id: z.string().min(1),
  kind: z.enum(IP_POOL_KINDS),
  cidr: z.string().refine((cidr) => {
    try {
      parseCidr(cidr);
      return true;
    } catch {
      return false;
    }
  }, "must be an IPv4 CIDR such as 203.0.113.0/28"),
  place: ZPlace,
  /** Relative share of users living at an office pool's place; default 1. */
  weight: z.number().min(0).optional(),
});
export type TIpPool = z.infer<typeof ZIpPool>;

const FRANKFURT: TPlace = { city: "Frankfurt am Main", region: "Hesse", country: "Germany", lat: 50.1109, lon: 8.6821, utcOffsetHours: 1 };
const ZURICH: TPlace = { city: "Zurich", region: "Zurich", country: "Switzerland", lat: 47.3769, lon: 8.5417, utcOffsetHours: 1 };
const JAKARTA: TPlace = { city: "Jakarta", region: "Jakarta", country: "Indonesia", lat: -6.2088, lon: 106.8456, utcOffsetHours: 7 };

const OFFICE_WEIGHTS: Record<string, number> = { london: 4, "new-york": 3, "san-francisco": 3, berlin: 2, sydney: 1.5, bangalore: 2 };

/**
 * The built-in ranges: documentation (RFC 5737), benchmarking (RFC 2544) and shared (RFC 6598) addresses,
 * plus 185.220.101.0/24, a well-known Tor exit block. Detection code that wants to flag the simulator's
 * risky IPs can tag these ranges (see docs/simulator.md).
 */
export const BUILTIN_IP_POOLS: readonly TIpPool[] = [
  ...Object.entries(OFFICE_PLACES).flatMap(([key, place], index): TIpPool[] => [
    { id: `office-${key}`, kind: "office", cidr: `203.0.113.${index * 16}/28`, place, weight: OFFICE_WEIGHTS[key] ?? 1 },
    { id: `home-${key}`, kind: "home", cidr: `100.${64 + index}.0.0/16`, place },
  ]),
  { id: "vpn-london", kind: "vpn", cidr: "198.51.100.0/26", place: OFFICE_PLACES.london ?? FRANKFURT },
  { id: "vpn-new-york", kind: "vpn", cidr: "198.51.100.64/26", place: OFFICE_PLACES["new-york"] ?? FRANKFURT },
  { id: "tor-exits", kind: "tor", cidr: "185.220.101.0/24", place: FRANKFURT },
  { id: "anonymous-proxies", kind: "anonymous-proxy", cidr: "192.0.2.0/24", place: ZURICH },
  { id: "suspicious", kind: "suspicious", cidr: "198.18.0.0/24", place: JAKARTA },
  ...Object.entries(FOREIGN_PLACES).map(([key, place], index): TIpPool => ({ id: `foreign-${key}`, kind: "foreign", cidr: `100.${100 + index}.0.0/16`, place })),
];
