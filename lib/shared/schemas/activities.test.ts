import { describe, expect, it } from "vitest";
import { decodeActivityCursor, encodeActivityCursor, isIpOrCidr, ZActivityExportQuery, ZActivityFilters, ZActivityIdParams, ZActivityListQuery } from "./activities";

describe("activity cursor", () => {
  it("round-trips and is opaque base64url", () => {
    const cursor = encodeActivityCursor({ time: "2026-11-20T10:00:00.123Z", seq: "9007199254740993" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeActivityCursor(cursor)).toEqual({ time: "2026-11-20T10:00:00.123Z", seq: "9007199254740993" });
  });

  it("refuses anything it did not make", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    for (const bad of ["", "!!", b64("2026-11-20T10:00:00.123Z"), b64("2026-11-20T10:00:00Z|1"), b64("2026-11-20T10:00:00.123Z|0"), b64("2026-11-20T10:00:00.123Z|1|2"),
      b64("2026-11-20T10:00:00.123Z|99999999999999999999"), b64("2026-02-31T10:00:00.123Z|-1"), b64("2026-02-30T00:00:00.000Z|5"), b64("2026-11-20T24:00:00.000Z|5")]) {
      expect(decodeActivityCursor(bad), bad).toBeNull();
    }
  });
});

describe("activity query schema", () => {
  it("parses the query-string form: repeated action, flags, default limit", () => {
    const q = ZActivityListQuery.parse({ action: ["user_login", "user_login_failed"], adminOnly: "true", impersonation: "0", product: "", q: "  " });
    expect(q).toMatchObject({ action: ["user_login", "user_login_failed"], adminOnly: true, impersonation: false, limit: 50 });
    expect(q.product).toBeUndefined();
    expect(q.q).toBeUndefined();
    expect(ZActivityListQuery.parse({ action: "user_login" }).action).toEqual(["user_login"]);
    expect(ZActivityExportQuery.parse({}).format).toBe("csv");
  });

  it("accepts IPv4/IPv6 addresses and CIDRs only", () => {
    for (const ok of ["10.1.2.3", "10.0.0.0/8", "2001:db8::1", "2001:db8::/32", "::1"]) expect(isIpOrCidr(ok), ok).toBe(true);
    for (const bad of ["10.0.0.0/33", "10.0.0", "256.1.1.1", "2001:db8::/129", "example.com", "1.2.3.4/"]) expect(isIpOrCidr(bad), bad).toBe(false);
  });

  it("rejects bad dates but takes dates and zoned date-times", () => {
    expect(ZActivityListQuery.safeParse({ from: "2026-11-20" }).success).toBe(true);
    expect(ZActivityListQuery.safeParse({ from: "2026-11-20T10:00:00+02:00", to: "2026-11-20T10:00Z" }).success).toBe(true);
    for (const bad of ["2026-11-20T10:00:00", "20/11/2026", "2026-11-31", "now"]) expect(ZActivityListQuery.safeParse({ from: bad }).success, bad).toBe(false);
  });
});

describe("ip filter", () => {
  it("is canonicalized so the database never sees text its inet type refuses", () => {
    const ipOf = (ip: string) => ZActivityFilters.parse({ ip }).ip;
    expect(ipOf("10.0.0.0 /8")).toBe("10.0.0.0/8");
    expect(ipOf(" 10.1.2.3/8 ")).toBe("10.0.0.0/8");
    expect(ipOf("2001:DB8:0:0::1")).toBe("2001:db8::1");
    expect(ipOf("203.0.113.7")).toBe("203.0.113.7");
    expect(ZActivityFilters.safeParse({ ip: "10.0.0.0/33" }).success).toBe(false);
  });
});

describe("activity id", () => {
  it("is a positive bigint", () => {
    expect(ZActivityIdParams.safeParse({ id: "9223372036854775807" }).success).toBe(true);
    for (const id of ["0", "-1", "9223372036854775808", "9999999999999999999", "1e3"]) expect(ZActivityIdParams.safeParse({ id }).success, id).toBe(false);
  });
});

describe("session outcome and policy filters", () => {
  it("take blocked or audited and a policy id; empty values mean no filter; anything else names its parameter", () => {
    const id = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e";
    expect(ZActivityListQuery.parse({ outcome: "blocked", policy: id })).toMatchObject({ outcome: "blocked", policy: id });
    expect(ZActivityListQuery.parse({ outcome: "", policy: "" })).toMatchObject({ outcome: undefined, policy: undefined });
    const bad = ZActivityListQuery.safeParse({ outcome: "allowed", policy: "policy-1" });
    expect(bad.success ? [] : bad.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["outcome", "outcome must be blocked or audited"],
      ["policy", "policy must be a session policy id (UUID)"],
    ]);
  });
});
