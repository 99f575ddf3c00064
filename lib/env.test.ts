import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { EnvError, isDemoEnabled, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, WATCHPOST_DATA_DIR: ".data", WATCHPOST_TRUST_PROXY: 0, WATCHPOST_ALLOW_PRIVATE_TARGETS: false, LOG_LEVEL: "info" });
    // Unset: Settings → Data retention decides (default 400).
    expect(env.WATCHPOST_AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(isDemoEnabled(env)).toBe(true);
    expect(env.WATCHPOST_API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(env.WATCHPOST_SESSION_MAX_HOURS).toBe(12);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads the session proxy's settings: defaults, a DNS name as domain, certificate and key together", () => {
    expect(parseEnv({})).toMatchObject({ WATCHPOST_PROXY: true, WATCHPOST_PROXY_PORT: 4443, WATCHPOST_PROXY_DOMAIN: "proxy.localhost" });
    expect(parseEnv({ WATCHPOST_PROXY: "0", WATCHPOST_PROXY_DOMAIN: "atl.example.com" })).toMatchObject({ WATCHPOST_PROXY: false, WATCHPOST_PROXY_DOMAIN: "atl.example.com" });
    expect(() => parseEnv({ WATCHPOST_PROXY_DOMAIN: "Proxy_Bad/x" })).toThrow("Invalid environment variable WATCHPOST_PROXY_DOMAIN: must be a lower-case DNS name");
    expect(() => parseEnv({ WATCHPOST_PROXY_CERT: "/c.pem" })).toThrow("set both WATCHPOST_PROXY_CERT and WATCHPOST_PROXY_KEY, or neither");
  });

  it("runs one web process per core, at most 8, and refuses 0, 9 and words with the accepted range", () => {
    expect(parseEnv({}).WATCHPOST_WEB_PROCESSES).toBe(Math.min(8, availableParallelism()));
    expect(parseEnv({ WATCHPOST_WEB_PROCESSES: "1" }).WATCHPOST_WEB_PROCESSES).toBe(1);
    expect(parseEnv({ WATCHPOST_WEB_PROCESSES: "8" }).WATCHPOST_WEB_PROCESSES).toBe(8);
    expect(() => parseEnv({ WATCHPOST_WEB_PROCESSES: "0" })).toThrow("Invalid environment variable WATCHPOST_WEB_PROCESSES: must be at least 1 (one web process)");
    expect(() => parseEnv({ WATCHPOST_WEB_PROCESSES: "9" })).toThrow("Invalid environment variable WATCHPOST_WEB_PROCESSES: must be at most 8");
    expect(() => parseEnv({ WATCHPOST_WEB_PROCESSES: "abc" })).toThrow("Invalid environment variable WATCHPOST_WEB_PROCESSES: must be a whole number from 1 to 8");
    expect(() => parseEnv({ WATCHPOST_WEB_PROCESSES: "2.5" })).toThrow("Invalid environment variable WATCHPOST_WEB_PROCESSES: must be a whole number from 1 to 8");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("parses flags and numbers", () => {
    const env = parseEnv({ PORT: "8080", WATCHPOST_DEMO: "0", WATCHPOST_TRUST_PROXY: "true", WATCHPOST_ALLOW_PRIVATE_TARGETS: "1" });
    expect(env).toMatchObject({ PORT: 8080, WATCHPOST_DEMO: false, WATCHPOST_TRUST_PROXY: 1, WATCHPOST_ALLOW_PRIVATE_TARGETS: true });
    expect(parseEnv({ WATCHPOST_TRUST_PROXY: "2" }).WATCHPOST_TRUST_PROXY).toBe(2);
    expect(parseEnv({ WATCHPOST_TRUST_PROXY: "false" }).WATCHPOST_TRUST_PROXY).toBe(0);
    expect(parseEnv({ WATCHPOST_SESSION_MAX_HOURS: "0.5" }).WATCHPOST_SESSION_MAX_HOURS).toBe(0.5);
  });

  it("runs the demo only for a local portal unless WATCHPOST_DEMO says otherwise", () => {
    const demo = (raw: Record<string, string>) => isDemoEnabled(parseEnv(raw));
    expect(demo({})).toBe(true);
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://127.1.2.3", "http://[::1]:3000", "http://app.localhost"]) {
      expect(demo({ WATCHPOST_URL: url }), url).toBe(true);
    }
    for (const url of ["https://watchpost.example.com", "http://10.0.0.5:3000", "http://0.0.0.0:3000", "http://127.attacker.example", "http://[::ffff:127.0.0.1]"]) {
      expect(demo({ WATCHPOST_URL: url }), url).toBe(false);
    }
    expect(demo({ WATCHPOST_URL: "https://watchpost.example.com", WATCHPOST_DEMO: "1" })).toBe(true);
    expect(demo({ WATCHPOST_DEMO: "0" })).toBe(false);
  });

  it("accepts 32 random bytes as a secret, in base64url or hex", () => {
    expect(parseEnv({ WATCHPOST_SECRET: "q3Zb8vN1xP0eW7kR4tY9uI2oA6sD5fG_hJ-lK3zXcV8" }).WATCHPOST_SECRET).toHaveLength(43);
    expect(parseEnv({ WATCHPOST_SECRET: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }).WATCHPOST_SECRET).toHaveLength(64);
  });

  it.each([
    [{ PORT: "abc" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must be a postgresql:\/\/ URL/],
    [{ DATABASE_URL: "postgresql://app@db/w", DATABASE_OWNER_URL: "mysql://x" }, /DATABASE_OWNER_URL: must be a postgresql:\/\/ URL/],
    [{ DATABASE_OWNER_URL: "postgresql://owner@db/w" }, /DATABASE_OWNER_URL: is only used with DATABASE_URL/],
    [{ WATCHPOST_SECRET: "short" }, /WATCHPOST_SECRET: must be at least 32 characters/],
    [{ WATCHPOST_SECRET: "a".repeat(64) }, /WATCHPOST_SECRET: looks repeated or too predictable/],
    [{ WATCHPOST_SECRET: "changeme".repeat(6) }, /WATCHPOST_SECRET: looks repeated or too predictable/],
    [{ WATCHPOST_SECRET: "0123456789abcdef".repeat(3) }, /WATCHPOST_SECRET: looks repeated or too predictable/],
    [{ WATCHPOST_SECRET: "5d41402abc4b2a76b9719d911017c592" }, /WATCHPOST_SECRET: looks repeated or too predictable/],
    [{ WATCHPOST_TRUST_PROXY: "yes" }, /WATCHPOST_TRUST_PROXY: must be the number of trusted proxy hops/],
    [{ WATCHPOST_AUDIT_RETENTION_DAYS: "0" }, /WATCHPOST_AUDIT_RETENTION_DAYS: must be at least 1 day/],
    [{ WATCHPOST_RETENTION_ACTIVITIES_DAYS: "half a year" }, /WATCHPOST_RETENTION_ACTIVITIES_DAYS: must be a number of days/],
    [{ WATCHPOST_API_RATE_LIMIT_PER_MINUTE: "0" }, /WATCHPOST_API_RATE_LIMIT_PER_MINUTE/],
    [{ WATCHPOST_SESSION_MAX_HOURS: "0" }, /WATCHPOST_SESSION_MAX_HOURS: must be a number of hours above 0/],
    [{ WATCHPOST_SESSION_MAX_HOURS: "721" }, /WATCHPOST_SESSION_MAX_HOURS: must be at most 720 hours/],
    [{ WATCHPOST_SESSION_MAX_HOURS: "twelve" }, /WATCHPOST_SESSION_MAX_HOURS: must be a number of hours/],
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
