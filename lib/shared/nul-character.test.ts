import { describe, expect, it } from "vitest";
import { findNulCharacter } from "./nul-character";

describe("findNulCharacter", () => {
  it("finds NUL in strings, nested values and keys", () => {
    expect(findNulCharacter("a\u0000b")).toBe("(root)");
    expect(findNulCharacter({ user: "x\u0000" })).toBe("user");
    expect(findNulCharacter({ filter: { actions: ["ok", "\u0000"] } })).toBe("filter.actions.1");
    expect(findNulCharacter({ ["k\u0000"]: 1 })).toBe("k\\u0000");
    expect(findNulCharacter({ status: ["open", "re\u0000solved"] })).toBe("status.1");
  });

  it("accepts everything else, including other control characters and lone surrogates", () => {
    expect(findNulCharacter({ a: "\u0001\t\n", b: "\ud800", c: 1, d: null, e: [true, {}] })).toBeNull();
    expect(findNulCharacter(undefined)).toBeNull();
  });

  it("walks very deep JSON without overflowing the stack", () => {
    const depth = 200_000;
    const deep = JSON.parse("[".repeat(depth) + '"\\u0000"' + "]".repeat(depth)) as unknown;
    expect(findNulCharacter(deep)).toMatch(/^0(\.0)+$/);
  });
});
