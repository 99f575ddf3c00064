import { badRequest } from "../http-kit";
import { decodeCursor, encodeCursor, ZOffsetCursor } from "../store/cursor";

/** `limit` query parameter: default when absent, 400 when not a positive integer or above `max`. */
export const parseLimit = (url: URL, defaultLimit: number, max: number): number => {
  const raw = url.searchParams.get("limit");
  if (raw === null || raw === "") return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest("INVALID_LIMIT", "limit must be a positive integer");
  if (limit > max) throw badRequest("INVALID_LIMIT", `limit must be at most ${max}`);
  return limit;
};

/**
 * `from`/`to` as epoch time. Atlassian documents UNIX epoch and go-atlassian sends milliseconds; values
 * below 10^11 are read as seconds ([S]) so both work.
 */
export const parseEpoch = (url: URL, name: string): number | null => {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw badRequest("INVALID_PARAMETER", `${name} must be an epoch time in milliseconds`);
  return value < 1e11 ? value * 1000 : value;
};

/** The request's own URL on the simulator, for links.self. */
export const selfLink = (baseUrl: string, url: URL): string => `${baseUrl}${url.pathname}${url.search}`;

/** The same request with `cursor` replaced; other parameters (filters) are kept. */
export const nextLink = (baseUrl: string, url: URL, cursor: string, keepParams = true): string => {
  const params = keepParams ? new URLSearchParams(url.searchParams) : new URLSearchParams();
  params.set("cursor", cursor);
  return `${baseUrl}${url.pathname}?${params.toString()}`;
};

/** Slices a small in-memory listing by an offset cursor named after the listing. */
export const offsetPage = <T>(url: URL, listing: string, items: readonly T[], pageSize: number) => {
  const cursorText = url.searchParams.get("cursor");
  const offset = cursorText ? decodeCursor(cursorText, ZOffsetCursor) : { k: "o" as const, r: listing, o: 0 };
  if (offset.r !== listing) throw badRequest("INVALID_PAGE_CURSOR", "the cursor belongs to another listing");
  const page = items.slice(offset.o, offset.o + pageSize);
  const end = offset.o + page.length;
  const nextCursor = end < items.length ? encodeCursor({ k: "o", r: listing, o: end }) : null;
  return { page, nextCursor };
};

/** `{self, next?}` links of a listing page. */
export const listLinks = (baseUrl: string, url: URL, nextCursor: string | null) => ({
  self: selfLink(baseUrl, url),
  ...(nextCursor ? { next: nextLink(baseUrl, url, nextCursor) } : {}),
});
