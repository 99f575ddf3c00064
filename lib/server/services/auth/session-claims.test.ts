import { describe, expect, it } from "vitest";
import { isWithinLifetime, newSessionClaims, parseSessionClaims } from "./session-claims";

const USER = "3f1c2a4e-8b7d-4c6e-9a0b-1d2e3f4a5b6c";
const t0 = new Date("2026-12-07T08:00:00Z");
const HOUR_MS = 3_600_000;

describe("session claims", () => {
  it("gives each sign-in its own session id and an expiry fixed at sign-in", () => {
    const a = newSessionClaims(USER, t0, 12 * HOUR_MS);
    const b = newSessionClaims(USER, t0, 12 * HOUR_MS);
    expect(a.sid).not.toBe(b.sid);
    expect(a).toMatchObject({ userId: USER, signedInAt: t0.getTime(), expiresAt: t0.getTime() + 12 * HOUR_MS });
  });

  it("reads claims back from a decoded JWT, and refuses JWTs without them (issued before sessions had ids)", () => {
    const claims = newSessionClaims(USER, t0, HOUR_MS);
    expect(parseSessionClaims({ sub: USER, email: "a@b.test", sid: claims.sid, signedInAt: claims.signedInAt, expiresAt: claims.expiresAt })).toEqual(claims);
    expect(parseSessionClaims({ sub: USER, email: "a@b.test", role: "admin" })).toBeNull();
    expect(parseSessionClaims({ sub: USER, sid: "not-a-uuid", signedInAt: 1, expiresAt: 2 })).toBeNull();
    expect(parseSessionClaims({ sub: USER, sid: claims.sid, signedInAt: "1", expiresAt: 2 })).toBeNull();
    expect(parseSessionClaims(null)).toBeNull();
  });

  it("is within its lifetime before the earlier of its own expiry and sign-in + the configured maximum", () => {
    const claims = newSessionClaims(USER, t0, 12 * HOUR_MS);
    const after = (hours: number) => new Date(t0.getTime() + hours * HOUR_MS);
    expect(isWithinLifetime(claims, after(11.9), 12 * HOUR_MS)).toBe(true);
    expect(isWithinLifetime(claims, after(12), 12 * HOUR_MS)).toBe(false);
    expect(isWithinLifetime(claims, after(2), HOUR_MS)).toBe(false);
    expect(isWithinLifetime(claims, after(13), 48 * HOUR_MS)).toBe(false);
  });
});
