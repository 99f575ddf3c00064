import { beforeEach, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../../../testing/factories";
import { resetDatabase } from "../../../../testing/reset-database";
import { listAuditEvents } from "../../../repositories/audit-repository";
import { upsertSsoConnection } from "../../../repositories/sso-config-repository";
import { findUserById, updateUser } from "../../../repositories/user-repository";
import { findSsoUserById, setBreakGlass } from "../../../repositories/user-sso-repository";
import { signIn } from "../sign-in";
import { saveSsoPolicy } from "./save-sso-policy";
import { setUserBreakGlass } from "./set-break-glass";
import { signInWithSso, type TSsoSignInPolicy } from "./sign-in-with-sso";

beforeEach(resetDatabase);

const ISSUER = "https://idp.example.test/realms/acme";
const POLICY: TSsoSignInPolicy = {
  issuer: ISSUER,
  groupsClaim: "groups",
  roleMappings: [
    { group: "wp-admins", role: "admin" },
    { group: "wp-analysts", role: "analyst" },
    { group: "staff", role: "viewer" },
  ],
  defaultRole: null,
};
const claims = (sub: string, email: string, groups: string[]) => ({ sub, email, email_verified: true, name: `User ${sub}`, groups, iss: ISSUER });

const storeConnection = async (actorId: string) =>
  upsertSsoConnection("oidc", {
    id: crypto.randomUUID(),
    displayName: "Acme IdP",
    issuer: ISSUER,
    clientId: "c",
    clientSecretCiphertext: "",
    scopes: "openid",
    groupsClaim: "groups",
    metadata: {},
    updatedById: actorId,
  });

describe("signInWithSso", () => {
  it("creates the user on first sign-in with the first mapped role, then re-evaluates it at every sign-in (audited with the subject)", async () => {
    const first = await signInWithSso({ claims: claims("sub-1", "Ann@Acme.test", ["staff", "wp-analysts"]), policy: POLICY, ip: "10.0.0.1" });
    expect(first).toMatchObject({ ok: true, user: { email: "ann@acme.test", role: "analyst", name: "User sub-1" } });
    if (!first.ok) return;
    const again = await signInWithSso({ claims: claims("sub-1", "ann@acme.test", ["staff"]), policy: POLICY, ip: "10.0.0.1" });
    expect(again).toMatchObject({ ok: true, user: { id: first.user.id, role: "viewer" } });
    const [change] = (await listAuditEvents({ limit: 5, action: "user.role_changed" })).rows;
    expect(change?.details).toMatchObject({ from: "analyst", to: "viewer", via: "sso", subject: "sub-1", matchedGroup: "staff" });
    const signIns = (await listAuditEvents({ limit: 5, action: "auth.sso_sign_in" })).rows;
    expect(signIns).toHaveLength(2);
    expect(signIns[0]?.details).toMatchObject({ subject: "sub-1", issuer: ISSUER, role: "viewer" });
    const created = (await listAuditEvents({ limit: 5, action: "user.created" })).rows;
    expect(created[0]?.details).toMatchObject({ via: "sso", subject: "sub-1" });
    // A user created by SSO has no password.
    await expect(signIn({ email: "ann@acme.test", password: TEST_PASSWORD, ip: "10.0.0.2" })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a user with no mapped group (audited), or gives the admin's default role", async () => {
    const refused = await signInWithSso({ claims: claims("sub-2", "bob@acme.test", ["contractors"]), policy: POLICY, ip: null });
    expect(refused).toEqual({ ok: false, code: "SsoNoRole" });
    const [event] = (await listAuditEvents({ limit: 1, action: "auth.sso_refused" })).rows;
    expect(event).toMatchObject({ actorEmail: "bob@acme.test" });
    expect(event?.details).toMatchObject({ reason: "no_mapped_group", subject: "sub-2", groups: "contractors" });
    const withDefault = await signInWithSso({ claims: claims("sub-2", "bob@acme.test", ["contractors"]), policy: { ...POLICY, defaultRole: "viewer" }, ip: null });
    expect(withDefault).toMatchObject({ ok: true, user: { role: "viewer" } });
  });

  it("links an admin-created user by email on first sign-in, then by subject only", async () => {
    const { user } = await makeUser("viewer", { email: "carol@acme.test" });
    const result = await signInWithSso({ claims: claims("sub-3", "carol@acme.test", ["wp-admins"]), policy: POLICY, ip: null });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: "admin" } });
    expect(await findSsoUserById(user.id)).toMatchObject({ ssoIssuer: ISSUER, ssoSubject: "sub-3" });
    // Another IdP account claiming the same email is not let in as Carol.
    expect(await signInWithSso({ claims: claims("sub-other", "carol@acme.test", ["wp-admins"]), policy: POLICY, ip: null })).toEqual({ ok: false, code: "SsoEmailTaken" });
  });

  it("keeps users disabled in Watchpost and break-glass accounts out, whatever the IdP says", async () => {
    const { user: disabled } = await makeUser("viewer", { email: "dan@acme.test" });
    await updateUser(disabled.id, { disabled: true });
    expect(await signInWithSso({ claims: claims("sub-4", "dan@acme.test", ["wp-admins"]), policy: POLICY, ip: null })).toEqual({ ok: false, code: "AccountDisabled" });
    expect((await findUserById(disabled.id))?.role).toBe("viewer");
    const { user: glass } = await makeUser("admin", { email: "glass@acme.test" });
    await setBreakGlass(glass.id, true);
    expect(await signInWithSso({ claims: claims("sub-5", "glass@acme.test", ["staff"]), policy: POLICY, ip: null })).toEqual({ ok: false, code: "SsoBreakGlass" });
    expect((await findUserById(glass.id))?.role).toBe("admin");
  });

  it("refuses tokens without an email or with an unverified one", async () => {
    expect(await signInWithSso({ claims: { sub: "sub-6", groups: ["staff"] }, policy: POLICY, ip: null })).toEqual({ ok: false, code: "SsoNoEmail" });
    expect(await signInWithSso({ claims: { ...claims("sub-6", "eve@acme.test", ["staff"]), email_verified: false }, policy: POLICY, ip: null })).toEqual({ ok: false, code: "SsoNoEmail" });
  });
});

describe("Require SSO", () => {
  it("needs a break-glass admin first; then password sign-in works only for break-glass accounts", async () => {
    const { user: admin, principal } = await makeUser("admin");
    const { user: analyst } = await makeUser("analyst");
    await storeConnection(admin.id);
    const policy = { roleMappings: [...POLICY.roleMappings], defaultRole: null, requireSso: true };
    await expect(saveSsoPolicy({ actor: principal, input: policy })).rejects.toMatchObject({ code: "conflict", invalidParams: [{ name: "requireSso" }] });

    await setUserBreakGlass({ actor: principal, userId: admin.id, isBreakGlass: true });
    const settings = await saveSsoPolicy({ actor: principal, input: policy });
    expect(settings).toMatchObject({ requireSso: true, breakGlassUsers: [{ id: admin.id }] });

    await expect(signIn({ email: analyst.email, password: TEST_PASSWORD, ip: "10.9.0.1" })).rejects.toMatchObject({ code: "unauthenticated", message: expect.stringMatching(/break-glass/) });
    await expect(signIn({ email: admin.email, password: TEST_PASSWORD, ip: "10.9.0.2" })).resolves.toMatchObject({ userId: admin.id });
    // The last break-glass admin cannot be unmarked while SSO is required.
    await expect(setUserBreakGlass({ actor: principal, userId: admin.id, isBreakGlass: false })).rejects.toMatchObject({ code: "conflict" });
    const audited = (await listAuditEvents({ limit: 10, action: "user.break_glass_changed" })).rows;
    expect(audited[0]).toMatchObject({ targetId: admin.id, details: { breakGlass: true } });
    const failed = (await listAuditEvents({ limit: 10, action: "auth.sign_in_failed" })).rows;
    expect(failed[0]?.details).toMatchObject({ reason: "sso_required" });

    await saveSsoPolicy({ actor: principal, input: { ...policy, requireSso: false } });
    await expect(signIn({ email: analyst.email, password: TEST_PASSWORD, ip: "10.9.0.3" })).resolves.toMatchObject({ userId: analyst.id });
  });

  it("refuses a group mapped twice, naming the later row", async () => {
    const { user: admin, principal } = await makeUser("admin");
    await storeConnection(admin.id);
    const input = { roleMappings: [{ group: "a", role: "admin" as const }, { group: "a", role: "viewer" as const }], defaultRole: null, requireSso: false };
    await expect(saveSsoPolicy({ actor: principal, input })).rejects.toMatchObject({ code: "validation_failed", invalidParams: [{ name: "roleMappings.1.group" }] });
  });
});
