import { describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token";

describe("API tokens", () => {
  it("generates distinct prefixed tokens whose hash is stored instead", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.startsWith("wpt_")).toBe(true);
    expect(looksLikeApiToken(a.token)).toBe(true);
    expect(a.prefix).toBe(a.token.slice(0, 10));
    expect(a.tokenHash).toBe(hashApiToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).not.toContain(a.token.slice(4));
  });

  it("hashes deterministically", () => {
    expect(hashApiToken("wpt_abc")).toBe(hashApiToken("wpt_abc"));
    expect(hashApiToken("wpt_abc")).not.toBe(hashApiToken("wpt_abd"));
  });

  it.each(["", "Bearer x", "wpt_short", "xyz_" + "a".repeat(43), "wpt_" + "a".repeat(42) + "!"])("rejects malformed token %j", (value) => {
    expect(looksLikeApiToken(value)).toBe(false);
  });
});
