import worldCountries from "world-countries";

/**
 * Country facts for location handling and detection: ISO code, English name, centroid and land borders.
 * Data: the world-countries package (ODbL), read once at load; server and worker side only (it is large).
 */
export type TCountry = Readonly<{
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** ISO alpha-2 codes of the countries sharing a land border. */
  borders: readonly string[];
}>;

const normalizeName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const byCca3 = new Map(worldCountries.map((c) => [c.cca3, c.cca2]));

export const COUNTRIES: readonly TCountry[] = worldCountries.map((c) => ({
  code: c.cca2,
  name: c.name.common,
  lat: c.latlng[0] ?? 0,
  lon: c.latlng[1] ?? 0,
  borders: c.borders.map((b) => byCca3.get(b)).filter((b): b is string => Boolean(b)),
}));

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

const BY_NAME = new Map<string, string>();
for (const c of worldCountries) {
  const names = [c.name.common, c.name.official, ...c.altSpellings, ...Object.values(c.name.native ?? {}).map((n) => n.common)];
  for (const name of names) {
    const key = normalizeName(name);
    if (key && !BY_NAME.has(key)) BY_NAME.set(key, c.cca2);
  }
}

/** The country with this ISO alpha-2 code (any case). */
export const findCountry = (code: string | null | undefined): TCountry | undefined => (code ? BY_CODE.get(code.toUpperCase()) : undefined);

/** ISO alpha-2 code for a country name, alternative spelling or code ("United Kingdom", "UK", "gb"); null when unknown. */
export const countryCodeOf = (nameOrCode: string | null | undefined): string | null => {
  if (!nameOrCode) return null;
  const trimmed = nameOrCode.trim();
  if (/^[a-z]{2}$/i.test(trimmed) && BY_CODE.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return BY_NAME.get(normalizeName(trimmed)) ?? null;
};

/** Same country or sharing a land border. */
export const areNeighbours = (a: string, b: string): boolean => a === b || (BY_CODE.get(a)?.borders.includes(b) ?? false);
