// One locale for the English UI, so the server and every browser format alike; only the time zone is the viewer's.
export const LOCALE = "en-GB";

/**
 * Local date and time, e.g. "23 Nov 2026, 14:05" (or in `timeZone`). The ISO value goes in a title for UTC. For
 * server-rendered data use <LocalTime>, which keeps hydration stable.
 */
export const formatDateTime = (iso: string, timeZone?: string): string =>
  new Date(iso).toLocaleString(LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });

/** Local date only, e.g. "23 Nov 2026". */
export const formatDate = (iso: string, timeZone?: string): string =>
  new Date(iso).toLocaleDateString(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone });

/** A count with thousands separators. */
export const formatCount = (value: number): string => value.toLocaleString(LOCALE);

/** A short duration: "45 s", "12 min", "3 h 5 min", "4 d". */
export const formatDuration = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) {
    const minutes = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ""}`;
  }
  return `${Math.round(s / 86_400)} d`;
};

/** "12 s ago", "3 h ago", or "in 5 min" for a future instant. */
export const formatRelative = (iso: string, now: Date): string => {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 2) return seconds > 0 ? "in a moment" : "just now";
  return seconds > 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(-seconds)} ago`;
};

/** A local calendar date as an <input type="date"> value (YYYY-MM-DD). */
export const dateInputValue = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
