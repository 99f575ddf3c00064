import { beforeEach, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listAuditEvents } from "../../repositories/audit-repository";
import { updateUser } from "../../repositories/user-repository";
import { LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES } from "./login-throttle";
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
