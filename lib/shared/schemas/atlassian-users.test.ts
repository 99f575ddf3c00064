import { describe, expect, it } from "vitest";
import { encodeCursor, ZAtlassianUsersQuery, ZCursor } from "./atlassian-users";

describe("keyset cursors", () => {
  it("round-trip any strings, unicode included", () => {
    const values = ["zoë o'brien – ünïcode", "3f1c2d4e-0000-4000-8000-000000000000"];
    expect(ZCursor(2).parse(encodeCursor(values))).toEqual(values);
  });

  it("refuse tampered or foreign cursors", () => {
    for (const bad of ["", "!!!", "bm90IGpzb24", encodeCursor(["only one"]), btoa(JSON.stringify([1, 2])), "a".repeat(3000), encodeCursor(["\u0000", "x"])]) {
      expect(ZCursor(2).safeParse(bad).success).toBe(false);
    }
  });
});

describe("users query", () => {
  it("parses filters and defaults the limit and the sort (investigation priority)", () => {
    expect(ZAtlassianUsersQuery.parse({ q: " ada ", admin: "false", status: "suspended" })).toEqual({ q: "ada", admin: false, status: "suspended", limit: 50, sort: "priority" });
    expect(ZAtlassianUsersQuery.parse({ sort: "name" }).sort).toBe("name");
    expect(ZAtlassianUsersQuery.safeParse({ sort: "score" }).error?.issues[0]?.message).toBe("sort must be one of priority, name");
    expect(ZAtlassianUsersQuery.safeParse({ limit: "201" }).success).toBe(false);
  });
});
