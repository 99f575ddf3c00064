import { describe, expect, it } from "vitest";
import { collectAll, nextCursorOf, paginate, type TPage } from "./pagination";

describe("nextCursorOf", () => {
  it("takes the cursor from links.next, like go-atlassian", () => {
    expect(nextCursorOf({ links: { next: "https://api.atlassian.com/admin/v1/orgs/o/users?cursor=Y3Vyc29yOjUw" } })).toBe("Y3Vyc29yOjUw");
  });

  it("accepts relative links and falls back to meta.next", () => {
    expect(nextCursorOf({ links: { next: "/admin/v1/orgs/o/events?cursor=abc&limit=2" } })).toBe("abc");
    expect(nextCursorOf({ links: { self: "x" }, meta: { next: "def" } })).toBe("def");
  });

  it("is null on the last page", () => {
    expect(nextCursorOf({ links: { self: "x", next: null } })).toBeNull();
    expect(nextCursorOf({})).toBeNull();
  });
});

describe("paginate", () => {
  it("follows cursors until there is none", async () => {
    const pages: Record<string, TPage<number>> = {
      start: { items: [1, 2], nextCursor: "b", rateLimit: null },
      b: { items: [3], nextCursor: null, rateLimit: null },
    };
    const seen: (string | undefined)[] = [];
    const all = await collectAll(async (cursor) => {
      seen.push(cursor);
      return pages[cursor ?? "start"] as TPage<number>;
    });
    expect(all).toEqual([1, 2, 3]);
    expect(seen).toEqual([undefined, "b"]);
  });

  it("refuses a server that repeats the cursor it was given", async () => {
    const run = async () => {
      for await (const items of paginate(async () => ({ items: [1], nextCursor: "same", rateLimit: null }))) void items;
    };
    await expect(run()).rejects.toThrow(/did not advance/);
  });
});
