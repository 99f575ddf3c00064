import type { TLinks, TPageMeta } from "./schemas/common";
import type { TRateLimitInfo } from "./transport";

/** One page of a cursor-paginated listing. `nextCursor` is null on the last page. */
export type TPage<T> = { items: T[]; nextCursor: string | null; rateLimit: TRateLimitInfo | null };

/**
 * The cursor that continues a listing: the `cursor` query parameter of `links.next` (as go-atlassian does),
 * else `meta.next`. Relative `next` links are accepted, since only the query string matters.
 */
export const nextCursorOf = (page: { links?: TLinks; meta?: TPageMeta }): string | null => {
  const next = page.links?.next;
  if (next) {
    const fromLink = new URL(next, "http://relative.invalid").searchParams.get("cursor");
    if (fromLink) return fromLink;
  }
  return page.meta?.next ?? null;
};

/**
 * Walks a listing page by page until the server stops returning a cursor. Throws when a server hands back
 * the cursor it was just given, which would otherwise loop forever.
 */
export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<TPage<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    yield page.items;
    if (!page.nextCursor) return;
    if (page.nextCursor === cursor) throw new Error(`pagination did not advance (cursor ${cursor})`);
    cursor = page.nextCursor;
  }
}

/** Collects every item of a listing; for small listings (orgs, domains, policies) only. */
export const collectAll = async <T>(fetchPage: (cursor: string | undefined) => Promise<TPage<T>>): Promise<T[]> => {
  const all: T[] = [];
  for await (const items of paginate(fetchPage)) all.push(...items);
  return all;
};
