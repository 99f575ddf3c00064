import { describe, expect, it } from "vitest";
import { createVersionedCache } from "./versioned-cache";

describe("createVersionedCache", () => {
  it("keeps each key's value with the version it was read at, and a newer read replaces it", () => {
    const cache = createVersionedCache<number>(4);
    cache.set("a", "7", 1);
    expect(cache.get("a")).toEqual({ version: "7", value: 1 });
    cache.set("a", "9", 2);
    expect(cache.get("a")).toEqual({ version: "9", value: 2 });
    expect(cache.get("b")).toBeUndefined();
  });

  it("keeps nothing read without a version", () => {
    const cache = createVersionedCache<number>(4);
    cache.set("a", null, 1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("starts over when a new key would exceed the bound, but updates a known key in place", () => {
    const cache = createVersionedCache<string>(2);
    cache.set("a", "1", "a1");
    cache.set("b", "1", "b1");
    cache.set("b", "2", "b2");
    expect(cache.get("a")?.value).toBe("a1");
    cache.set("c", "1", "c1");
    expect([cache.get("a"), cache.get("b"), cache.get("c")?.value]).toEqual([undefined, undefined, "c1"]);
  });
});
