import { describe, expect, it } from "vitest";
import { ZQuarantineQuery } from "./quarantine";

describe("ZQuarantineQuery", () => {
  it("takes a bigint cursor and a limit up to 200, default 25", () => {
    expect(ZQuarantineQuery.parse({})).toEqual({ limit: 25 });
    expect(ZQuarantineQuery.parse({ cursor: "42", limit: "200" })).toEqual({ cursor: "42", limit: 200 });
  });

  it.each([["abc"], ["-1"], ["9223372036854775808"], ["1".repeat(20)]])("refuses the cursor %s without throwing", (cursor) => {
    expect(ZQuarantineQuery.safeParse({ cursor }).success).toBe(false);
  });

  it("refuses a limit out of range", () => {
    expect(ZQuarantineQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(ZQuarantineQuery.safeParse({ limit: "201" }).success).toBe(false);
  });
});
