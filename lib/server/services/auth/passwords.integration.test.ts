import { beforeEach, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { ZChangePasswordInput, ZTemporaryPasswordInput } from "../../../shared/schemas/users";
import { listAuditEvents } from "../../repositories/audit-repository";
import { createToken } from "../tokens/create-token";
import { authenticateToken } from "../tokens/authenticate-token";
import { setTemporaryPassword } from "../users/set-temporary-password";
import { MAX_LOGIN_FAILURES } from "./login-throttle";
import { changePassword } from "./change-password";
import { resolveSessionUser } from "./resolve-session-user";
import { newSessionClaims } from "./session-claims";
import { signIn } from "./sign-in";

beforeEach(resetDatabase);

const MAX_MS = 12 * 60 * 60 * 1000;
const NEW_PASSWORD = "a-brand-new-password";
const session = (userId: string, at = new Date(Date.now() - 60_000)) => newSessionClaims(userId, at, MAX_MS);
const isLive = async (claims: ReturnType<typeof session>) => (await resolveSessionUser({ claims, ip: null, maxMs: MAX_MS })) !== null;

describe("changing one's own password", () => {
  it("needs the current password; then the new one signs in, the old one not, other sessions end, this one goes on as the returned session", async () => {
    const { user, principal } = await makeUser("analyst");
    const other = session(user.id);
    const token = await createToken({ actor: principal, input: { name: "siem" } });

    await expect(changePassword({ actor: principal, input: { currentPassword: "not-my-password", newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "currentPassword", reason: "The current password is wrong" }],
    });
    expect(await isLive(other)).toBe(true);

    const { user: dto, session: current } = await changePassword({ actor: { ...principal, ip: "10.7.0.1" }, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(dto).toMatchObject({ id: user.id, mustChangePassword: false });
    expect(await isLive(other)).toBe(false);
    expect(await isLive(current)).toBe(true);
    // Personal API tokens survive a change by the user (documented in README → API tokens).
    expect(await authenticateToken({ token: token.token, ip: null })).toMatchObject({ userId: user.id });

    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.7.0.2" })).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(signIn({ email: user.email, password: NEW_PASSWORD, ip: "10.7.0.2" })).resolves.toMatchObject({ userId: user.id });

    const actions = (await listAuditEvents({ limit: 10 })).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["auth.password_change_failed", "user.password_changed"]));
    const [changed] = (await listAuditEvents({ limit: 1, action: "user.password_changed" })).rows;
    expect(changed).toMatchObject({ actorId: user.id, targetId: user.id, ip: "10.7.0.1" });
  });

  it("applies the setup/user-creation strength rules and refuses the same password", () => {
    expect(ZChangePasswordInput.safeParse({ currentPassword: TEST_PASSWORD, newPassword: "short" }).error?.issues[0]?.message).toBe("Password must be at least 12 characters");
    expect(ZChangePasswordInput.safeParse({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }).error?.issues[0]).toMatchObject({ path: ["newPassword"] });
    expect(ZChangePasswordInput.safeParse({ currentPassword: "", newPassword: NEW_PASSWORD }).success).toBe(false);
    expect(ZTemporaryPasswordInput.safeParse({ temporaryPassword: "x".repeat(257) }).success).toBe(false);
  });

  it("is refused to an API token, and wrong current passwords are throttled like failed sign-ins", async () => {
    const { principal } = await makeUser("viewer");
    await expect(changePassword({ actor: { ...principal, via: "token" }, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
      code: "forbidden",
    });
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await expect(changePassword({ actor: principal, input: { currentPassword: `guess-${i}-password`, newPassword: NEW_PASSWORD } })).rejects.toMatchObject({
        code: "validation_failed",
      });
    }
    await expect(changePassword({ actor: principal, input: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } })).rejects.toMatchObject({ code: "rate_limited" });
  });
});

describe("temporary password set by an admin", () => {
  it("ends every session and revokes the user's API tokens; the user must change it before anything else; audited with actor and IP", async () => {
    const { principal: admin } = await makeUser("admin");
    const { user, principal } = await makeUser("viewer");
    const before = session(user.id);
    const token = await createToken({ actor: principal, input: { name: "laptop" } });

    const dto = await setTemporaryPassword({ actor: { ...admin, ip: "10.8.0.1" }, id: user.id, input: { temporaryPassword: "temporary-password-1" } });
    expect(dto.mustChangePassword).toBe(true);
    expect(await isLive(before)).toBe(false);
    expect(await authenticateToken({ token: token.token, ip: null })).toBeNull();

    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ip: "10.8.0.2" })).rejects.toMatchObject({ code: "unauthenticated" });
    await signIn({ email: user.email, password: "temporary-password-1", ip: "10.8.0.2" });
    const temporary = session(user.id, new Date());
    const pending = await resolveSessionUser({ claims: temporary, ip: "10.8.0.2", maxMs: MAX_MS });
    expect(pending).toMatchObject({ userId: user.id, mustChangePassword: true });

    // pending is the signed-in principal of the temporary session (with-route.ts lets it reach only this).
    const changed = await changePassword({ actor: pending ?? principal, input: { currentPassword: "temporary-password-1", newPassword: NEW_PASSWORD } });
    expect(await resolveSessionUser({ claims: changed.session, ip: null, maxMs: MAX_MS })).toMatchObject({ mustChangePassword: false });
    const [reset] = (await listAuditEvents({ limit: 1, action: "user.password_reset" })).rows;
    expect(reset).toMatchObject({ actorId: admin.userId, targetId: user.id, ip: "10.8.0.1", details: { tokensRevoked: 1, temporary: true } });
    const [change] = (await listAuditEvents({ limit: 1, action: "user.password_changed" })).rows;
    expect(change?.details).toMatchObject({ wasTemporary: true });
  });

  it("refuses an admin's own account (409) and an unknown user (404)", async () => {
    const { principal: admin } = await makeUser("admin");
    await expect(setTemporaryPassword({ actor: admin, id: admin.userId, input: { temporaryPassword: "temporary-password-1" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(setTemporaryPassword({ actor: admin, id: "00000000-0000-4000-8000-000000000000", input: { temporaryPassword: "temporary-password-1" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
