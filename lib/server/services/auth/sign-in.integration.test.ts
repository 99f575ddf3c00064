import { beforeEach, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { appendCollapsedAuditEvent, listAuditEvents } from "../../repositories/audit-repository";
import { updateUser } from "../../repositories/user-repository";
import { LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES, releaseSignInAttempt, reserveSignInAttempt } from "./login-throttle";
import { signIn } from "./sign-in";

beforeEach(resetDatabase);

const t0 = new Date("2026-11-23T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("signIn", () => {
  it("accepts the right password, records the sign-in and last login", async () => {
    const { user } = await makeUser("analyst");
    const principal = await signIn({ email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.1.1.1", now: t0 });
    expect(principal).toMatchObject({ userId: user.id, role: "analyst", via: "session" });
    const [event] = (await listAuditEvents({ limit: 1 })).rows;
    expect(event).toMatchObject({ action: "auth.sign_in", actorEmail: user.email, ip: "10.1.1.1" });
  });

  it("refuses a wrong password or unknown email with the same message, audited", async () => {
    const { user } = await makeUser("viewer");
    await expect(signIn({ email: user.email, password: "wrong-password", ip: "10.1.1.2", now: t0 })).rejects.toMatchObject({
      code: "unauthenticated",
      message: "Invalid email or password",
    });
    await expect(signIn({ email: "nobody@example.test", password: "wrong-password", ip: "10.1.1.2", now: t0 })).rejects.toMatchObject({
      message: "Invalid email or password",
    });
    const failures = (await listAuditEvents({ limit: 10, action: "auth.sign_in_failed" })).rows;
    expect(failures).toHaveLength(2);
    expect(JSON.stringify(failures.map((f) => f.details))).not.toContain("wrong-password");
  });

  it("refuses disabled users", async () => {
    const { user } = await makeUser("viewer");
    await updateUser(user.id, { disabled: true });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.1.1.3", now: t0 })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("throttles an email after 5 failures in 15 minutes, even with the right password, then frees it", async () => {
    const { user } = await makeUser("viewer");
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await expect(signIn({ email: user.email, password: "nope-nope", ip: `10.2.0.${i}`, now: at(i * 1000) })).rejects.toMatchObject({ code: "unauthenticated" });
    }
    const refused = signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.2.1.1", now: at(10_000) });
    await expect(refused).rejects.toMatchObject({ code: "rate_limited" });
    await expect(refused).rejects.toThrow(/Too many failed sign-in attempts/);
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.2.1.1", now: at(LOGIN_WINDOW_MS + 5_000) })).resolves.toMatchObject({
      userId: user.id,
    });
  });

  it("throttles an IP that tries many emails", async () => {
    const { user } = await makeUser("viewer");
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await expect(signIn({ email: `guess${i}@example.test`, password: "nope-nope", ip: "10.3.3.3", now: at(i) })).rejects.toMatchObject({
        code: "unauthenticated",
      });
    }
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.3.3.3", now: at(100) })).rejects.toMatchObject({ code: "rate_limited" });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.3.3.4", now: at(100) })).resolves.toBeTruthy();
  });
});

describe("signIn under concurrency (attempts reserved before the password check)", () => {
  it("evaluates at most 5 of 40 concurrent guesses against one account; the rest are throttled, the right password too", async () => {
    const { user } = await makeUser("viewer");
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 35 ? TEST_PASSWORD : `wrong-guess-${i}`));
    const outcomes = await Promise.allSettled(guesses.map((password, i) => signIn({ email: user.email, password, ip: `10.40.0.${i + 1}`, now: at(0) })));
    const codes = outcomes.map((o) => (o.status === "fulfilled" ? "signed_in" : (o.reason as { code: string }).code));
    const evaluated = codes.filter((c) => c !== "rate_limited");
    expect(evaluated.length).toBeLessThanOrEqual(MAX_LOGIN_FAILURES);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThanOrEqual(40 - MAX_LOGIN_FAILURES);
    // The right password got a session only if it was among the 5 evaluated; once throttled it gets none.
    if (codes[35] === "signed_in") expect(evaluated).toContain("signed_in");
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.40.1.1", now: at(1000) })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("gives a reservation back when its password was never checked", async () => {
    const { user } = await makeUser("viewer");
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      const reservation = await reserveSignInAttempt({ email: user.email, ip: "10.41.0.1", now: at(i) });
      expect(reservation.throttle.isLimited).toBe(false);
      await releaseSignInAttempt(reservation);
    }
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.41.0.1", now: at(100) })).resolves.toMatchObject({ userId: user.id });
  });
});

describe("throttled attempts in the audit log", () => {
  const throttledRows = async () => (await listAuditEvents({ limit: 100, action: "auth.sign_in_throttled" })).rows;

  it("collapses an IP's throttled attempts into one row per window, with a count", async () => {
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await signIn({ email: `spray${i}@example.test`, password: "nope-nope", ip: "10.50.0.1", now: at(i) }).catch(() => undefined);
    for (let i = 0; i < 30; i++) {
      await expect(signIn({ email: `spray-more${i}@example.test`, password: "nope-nope", ip: "10.50.0.1", now: at(1000 + i) })).rejects.toMatchObject({ code: "rate_limited" });
    }
    const rows = await throttledRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: "10.50.0.1", details: { throttledBy: "ip", attempts: 30, collapseKey: "ip:10.50.0.1" } });

  });

  it("starts a new row when the window of the last one has passed", async () => {
    const entry = { action: "auth.sign_in_throttled", ip: "10.52.0.1", details: { throttledBy: "ip" } } as const;
    const bump = (ms: number) => appendCollapsedAuditEvent({ entry, collapseKey: "ip:10.52.0.1", since: at(ms - LOGIN_WINDOW_MS), at: at(ms) });
    await bump(0);
    await bump(LOGIN_WINDOW_MS - 1);
    await bump(LOGIN_WINDOW_MS + 1);
    const rows = await throttledRows();
    expect(rows.map((r) => (r.details as { attempts: number }).attempts)).toEqual([1, 2]);
  });

  it("collapses an email's throttled attempts from many IPs into one row", async () => {
    const { user } = await makeUser("viewer");
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await signIn({ email: user.email, password: "nope-nope", ip: `10.51.0.${i + 1}`, now: at(i) }).catch(() => undefined);
    await Promise.allSettled(Array.from({ length: 25 }, (_, i) => signIn({ email: user.email, password: "nope-nope", ip: `10.51.1.${i + 1}`, now: at(1000) })));
    const rows = await throttledRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorEmail: user.email, details: { throttledBy: "email", attempts: 25 } });
  });
});
