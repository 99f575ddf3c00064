import { beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listAuditEvents } from "../../repositories/audit-repository";
import { updateUser } from "../../repositories/user-repository";
import { runMaintenance } from "../health/run-maintenance";
import { signOutEverywhere } from "../users/sign-out-everywhere";
import { cachedPrincipal } from "./principal-cache";
import { recordSignOut } from "./record-sign-out";
import { resolveSessionUser } from "./resolve-session-user";
import { newSessionClaims, type SessionClaims } from "./session-claims";

beforeEach(resetDatabase);

const HOUR_MS = 60 * 60 * 1000;
const MAX_MS = 12 * HOUR_MS;
const t0 = new Date("2026-12-07T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
/** What next-auth keeps in the JWT: the claims plus the user's id as `sub`. */
const jwtOf = (claims: SessionClaims) => ({ sub: claims.userId, email: "x@example.test", ...claims });
const resolve = (claims: SessionClaims, now = at(1000)) => resolveSessionUser({ claims, ip: "10.9.0.1", now, maxMs: MAX_MS });

describe("sign-out ends that session only", () => {
  it("refuses a signed-out session's JWT on the next check; the user's other session goes on", async () => {
    const { user } = await makeUser("analyst");
    const laptop = newSessionClaims(user.id, t0, MAX_MS);
    const phone = newSessionClaims(user.id, t0, MAX_MS);
    expect(await resolve(laptop)).toMatchObject({ userId: user.id, via: "session", sessionId: laptop.sid });

    await recordSignOut({ token: jwtOf(laptop), now: at(500) });
    expect(await resolve(laptop)).toBeNull();
    expect(await resolve(phone)).toMatchObject({ userId: user.id });
    // Signing out twice (two tabs) is harmless.
    await expect(recordSignOut({ token: jwtOf(laptop), now: at(600) })).resolves.toBeUndefined();
    const signOuts = (await listAuditEvents({ limit: 10, action: "auth.sign_out" })).rows;
    expect(signOuts[0]).toMatchObject({ actorId: user.id });
  });

  it("drops the 2 s principal cache of the user at sign-out, so the old cookie is refused on the very next request", async () => {
    const { user } = await makeUser("viewer");
    const claims = newSessionClaims(user.id, new Date(), MAX_MS);
    const load = () => resolveSessionUser({ claims, ip: null, maxMs: MAX_MS });
    const key = `cookie:test-${claims.sid}`;
    expect(await cachedPrincipal(key, "10.9.0.2", load)).toMatchObject({ userId: user.id });
    await recordSignOut({ token: jwtOf(claims) });
    expect(await cachedPrincipal(key, "10.9.0.2", load)).toBeNull();
  });

  it("does not serve a load that was under way when the user's sessions ended", async () => {
    const { user } = await makeUser("viewer");
    const claims = newSessionClaims(user.id, new Date(), MAX_MS);
    const key = `cookie:race-${claims.sid}`;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // The load reads the database first (still valid), then the sign-out lands before it is cached.
    const slow = cachedPrincipal(key, null, async () => {
      const principal = await resolveSessionUser({ claims, ip: null, maxMs: MAX_MS });
      await gate;
      return principal;
    });
    await new Promise((r) => setTimeout(r, 50));
    await recordSignOut({ token: jwtOf(claims) });
    release();
    await slow;
    expect(await cachedPrincipal(key, null, () => resolveSessionUser({ claims, ip: null, maxMs: MAX_MS }))).toBeNull();
  });

  it("forgets revoked sessions once their JWT has expired on its own (hourly maintenance)", async () => {
    const { user } = await makeUser("viewer");
    const old = newSessionClaims(user.id, at(-13 * HOUR_MS), MAX_MS);
    const recent = newSessionClaims(user.id, t0, MAX_MS);
    await recordSignOut({ token: jwtOf(old), now: at(-12.5 * HOUR_MS) });
    await recordSignOut({ token: jwtOf(recent), now: at(1000) });
    const result = await runMaintenance({ now: at(2000) });
    expect(result.revokedSessionsPruned).toBe(1);
    expect(await resolve(recent, at(3000))).toBeNull();
  });
});

describe("absolute session lifetime", () => {
  it("refuses a session from WATCHPOST_SESSION_MAX_HOURS after sign-in, however often it was refreshed", async () => {
    const { user } = await makeUser("viewer");
    const claims = newSessionClaims(user.id, t0, MAX_MS);
    // A refresh of /api/auth/session re-issues the same claims (auth-options.ts jwt callback): time alone decides.
    for (const hours of [1, 6, 11.99]) expect(await resolve(claims, at(hours * HOUR_MS)), `${hours} h`).not.toBeNull();
    expect(await resolve(claims, at(MAX_MS))).toBeNull();
    expect(await resolve(claims, at(MAX_MS + HOUR_MS))).toBeNull();
  });

  it("shortens running sessions when the lifetime is lowered, and never lengthens one when it is raised", async () => {
    const { user } = await makeUser("viewer");
    const claims = newSessionClaims(user.id, t0, MAX_MS);
    expect(await resolveSessionUser({ claims, ip: null, now: at(2 * HOUR_MS), maxMs: HOUR_MS })).toBeNull();
    expect(await resolveSessionUser({ claims, ip: null, now: at(13 * HOUR_MS), maxMs: 48 * HOUR_MS })).toBeNull();
  });
});

describe("sign out everywhere (admin)", () => {
  it("ends every session of the user, audited with actor and IP; API sign-ins afterwards work", async () => {
    const { principal: admin } = await makeUser("admin");
    const { user } = await makeUser("analyst");
    const a = newSessionClaims(user.id, t0, MAX_MS);
    const b = newSessionClaims(user.id, at(1000), MAX_MS);
    const adminSession = newSessionClaims(admin.userId, t0, MAX_MS);
    await signOutEverywhere({ actor: { ...admin, ip: "10.9.9.9" }, id: user.id, now: at(5000) });
    expect(await resolve(a, at(6000))).toBeNull();
    expect(await resolve(b, at(6000))).toBeNull();
    expect(await resolve(adminSession, at(6000))).not.toBeNull();
    expect(await resolve(newSessionClaims(user.id, at(7000), MAX_MS), at(8000))).not.toBeNull();

    const [event] = (await listAuditEvents({ limit: 1, action: "user.signed_out_everywhere" })).rows;
    expect(event).toMatchObject({ actorId: admin.userId, actorEmail: admin.email, targetId: user.id, targetName: user.email, ip: "10.9.9.9" });
  });

  it("404s an unknown user", async () => {
    const { principal: admin } = await makeUser("admin");
    await expect(signOutEverywhere({ actor: admin, id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("still refuses sessions of disabled users", async () => {
    const { user } = await makeUser("viewer");
    const claims = newSessionClaims(user.id, t0, MAX_MS);
    await updateUser(user.id, { disabled: true });
    expect(await resolve(claims)).toBeNull();
  });
});
