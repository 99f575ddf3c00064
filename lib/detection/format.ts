import { findCountry } from "../geo/countries";

/** Formatting for explanations: fixed (en-GB, UTC) so an explanation reads the same everywhere. */
const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export const formatNumber = (value: number): string => NUMBER.format(Math.round(value));

/** "09:02" in UTC; with the date when the two moments are on different days. */
export const formatClock = (date: Date): string => date.toISOString().slice(11, 16);

export const formatDuration = (ms: number): string => {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
};

export const countryName = (code: string | null): string => (code ? (findCountry(code)?.name ?? code) : "an unknown country");

export const plural = (count: number, word: string, many = `${word}s`): string => `${formatNumber(count)} ${count === 1 ? word : many}`;

/** Great-circle distance in km (haversine). */
export const distanceKm = (a: Readonly<{ lat: number; lon: number }>, b: Readonly<{ lat: number; lon: number }>): number => {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
};
