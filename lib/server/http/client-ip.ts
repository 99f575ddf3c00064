/**
 * The caller's IP. scripts/web.ts overwrites x-forwarded-for with the one client IP it trusts (the socket
 * address, or the value WATCHPOST_TRUST_PROXY hops from the right), so the first entry is that IP.
 */
export const clientIpFrom = (headers: Readonly<{ get(name: string): string | null }>): string =>
  headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";

/** Same, for next-auth's plain header objects. */
export const clientIpFromRecord = (headers: Record<string, string | string[] | undefined> | undefined): string => {
  const raw = headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(",")[0]?.trim() || "unknown";
};
