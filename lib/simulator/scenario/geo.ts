import type { Prng } from "./prng";

/** A place events can come from; `utcOffsetHours` drives the diurnal rhythm of its users. */
export type TPlace = { city: string; region: string; country: string; lat: number; lon: number; utcOffsetHours: number };

const place = (city: string, region: string, country: string, lat: number, lon: number, utcOffsetHours: number): TPlace => ({
  city,
  region,
  country,
  lat,
  lon,
  utcOffsetHours,
});

/** Cities where the built-in org has offices and remote workers. */
export const OFFICE_PLACES: Record<string, TPlace> = {
  london: place("London", "England", "United Kingdom", 51.5072, -0.1276, 0),
  manchester: place("Manchester", "England", "United Kingdom", 53.4808, -2.2426, 0),
  dublin: place("Dublin", "Leinster", "Ireland", 53.3498, -6.2603, 0),
  berlin: place("Berlin", "Berlin", "Germany", 52.52, 13.405, 1),
  paris: place("Paris", "Ile-de-France", "France", 48.8566, 2.3522, 1),
  amsterdam: place("Amsterdam", "North Holland", "Netherlands", 52.3676, 4.9041, 1),
  "new-york": place("New York", "New York", "United States", 40.7128, -74.006, -5),
  "san-francisco": place("San Francisco", "California", "United States", 37.7749, -122.4194, -8),
  austin: place("Austin", "Texas", "United States", 30.2672, -97.7431, -6),
  toronto: place("Toronto", "Ontario", "Canada", 43.6532, -79.3832, -5),
  sydney: place("Sydney", "New South Wales", "Australia", -33.8688, 151.2093, 10),
  bangalore: place("Bengaluru", "Karnataka", "India", 12.9716, 77.5946, 5.5),
};

/** Places no user of the built-in org lives in: sources of infrequent-country and travel anomalies. */
export const FOREIGN_PLACES: Record<string, TPlace> = {
  lagos: place("Lagos", "Lagos", "Nigeria", 6.5244, 3.3792, 1),
  hanoi: place("Hanoi", "Hanoi", "Vietnam", 21.0278, 105.8342, 7),
  bucharest: place("Bucharest", "Bucharest", "Romania", 44.4268, 26.1025, 2),
  caracas: place("Caracas", "Capital District", "Venezuela", 10.4806, -66.9036, -4),
  ulaanbaatar: place("Ulaanbaatar", "Ulaanbaatar", "Mongolia", 47.8864, 106.9057, 8),
  lima: place("Lima", "Lima", "Peru", -12.0464, -77.0428, -5),
  nairobi: place("Nairobi", "Nairobi County", "Kenya", -1.2921, 36.8219, 3),
  reykjavik: place("Reykjavik", "Capital Region", "Iceland", 64.1466, -21.9426, 0),
};

/** Parses "a.b.c.d/n" into a base address and host count; throws on anything else. */
export const parseCidr = (cidr: string): { base: number; size: number } => {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const bits = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || bits < 8 || bits > 32) throw new Error(`invalid IPv4 CIDR: ${cidr}`);
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), size };
};

export const formatIpv4 = (value: number): string => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");

const parsedCidrs = new Map<string, { base: number; size: number }>();

/** A host address of the range (never the network or broadcast address when the range has room). */
export const randomIpIn = (cidr: string, prng: Prng): string => {
  let parsed = parsedCidrs.get(cidr);
  if (!parsed) {
    parsed = parseCidr(cidr);
    parsedCidrs.set(cidr, parsed);
  }
  const { base, size } = parsed;
  return formatIpv4(size <= 2 ? base : base + prng.int(1, size - 2));
};

/** Great-circle distance in km (haversine). */
export const distanceKm = (a: Pick<TPlace, "lat" | "lon">, b: Pick<TPlace, "lat" | "lon">): number => {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
};
