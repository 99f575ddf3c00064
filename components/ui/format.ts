/** Local date and time, e.g. "23 Nov 2026, 14:05". The ISO value goes in a title for UTC. */
export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
