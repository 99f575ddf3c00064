import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, WATCHPOST_DATA_DIR: ".data", WATCHPOST_DEMO: true, WATCHPOST_TRUST_PROXY: false, WATCHPOST_ALLOW_PRIVATE_TARGETS: false, LOG_LEVEL: "info" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("parses flags and numbers", () => {
    const env = parseEnv({ PORT: "8080", WATCHPOST_DEMO: "0", WATCHPOST_TRUST_PROXY: "true", WATCHPOST_ALLOW_PRIVATE_TARGETS: "1" });
    expect(env).toMatchObject({ PORT: 8080, WATCHPOST_DEMO: false, WATCHPOST_TRUST_PROXY: true, WATCHPOST_ALLOW_PRIVATE_TARGETS: true });
  });

  it.each([
    [{ PORT: "abc" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be a postgresql:\/\/ URL/],
    [{ WATCHPOST_SECRET: "short" }, /WATCHPOST_SECRET: must be at least 32 characters/],
    [{ WATCHPOST_DEMO: "yes" }, /WATCHPOST_DEMO: must be 0, 1, true or false/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL/],
    [{ WATCHPOST_ADMIN_EMAIL: "a@b.co" }, /set both WATCHPOST_ADMIN_EMAIL and WATCHPOST_ADMIN_PASSWORD/],
    [{ WATCHPOST_ADMIN_EMAIL: "not-an-email", WATCHPOST_ADMIN_PASSWORD: "long-enough-password" }, /WATCHPOST_ADMIN_EMAIL/],
  ])("rejects %j with one clear line", (raw, message) => {
    expect(() => parseEnv(raw)).toThrow(EnvError);
    try {
      parseEnv(raw);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
