import { beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listAuditEvents } from "../../repositories/audit-repository";
import { findCredentialsByEmail, findUserByEmail, listUsers } from "../../repositories/user-repository";
import { verifyPassword } from "../../crypto/password";
import { createUser } from "./create-user";
import { ensureEnvAdmin } from "./ensure-env-admin";
import path from "node:path";
import { getEnv } from "../../../env";
import { issueSetupCode } from "../../runtime/setup-code";
import { isSetupOpen, setupFirstAdmin } from "./setup-first-admin";
import { updateUser } from "./update-user";

beforeEach(resetDatabase);

/** What `npm start` does on a first run: issue a code in the data folder (integration-setup.ts gives a temporary one). */
const issueCode = () => issueSetupCode(path.resolve(getEnv().WATCHPOST_DATA_DIR));

describe("first-run setup", () => {
  it("creates the first admin once, then closes", async () => {
    expect(await isSetupOpen()).toBe(true);
    const setupCode = issueCode();
    const admin = await setupFirstAdmin({ input: { email: "first@example.test", name: "First", password: "a-long-password", setupCode }, ip: "10.0.0.1" });
    expect(admin.role).toBe("admin");
    expect(await isSetupOpen()).toBe(false);
    await expect(setupFirstAdmin({ input: { email: "second@example.test", name: "Second", password: "a-long-password" }, ip: null })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a missing or wrong setup code with a field error; the right code works once", async () => {
    const setupCode = issueCode();
    const input = { email: "first@example.test", name: "First", password: "a-long-password" };
    await expect(setupFirstAdmin({ input, ip: null })).rejects.toMatchObject({ code: "validation_failed", invalidParams: [{ name: "setupCode" }] });
    await expect(setupFirstAdmin({ input: { ...input, setupCode: "0000-0000-0000-0000" }, ip: null })).rejects.toMatchObject({
      code: "validation_failed",
      invalidParams: [{ name: "setupCode", reason: expect.stringMatching(/Wrong setup code/) }],
    });
    expect(await listUsers()).toHaveLength(0);
    await setupFirstAdmin({ input: { ...input, setupCode: setupCode.toLowerCase() }, ip: null });
    // Single use: the code is gone with the first admin (were every user deleted, a new start issues a new one).
    await resetDatabase();
    await expect(setupFirstAdmin({ input: { ...input, setupCode }, ip: null })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await listUsers()).toHaveLength(0);
  });

  it("lets only one of concurrent setups win", async () => {
    const setupCode = issueCode();
    const attempts = await Promise.allSettled(
      ["a", "b", "c", "d"].map((n) => setupFirstAdmin({ input: { email: `${n}@example.test`, name: n, password: "a-long-password", setupCode }, ip: null })),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    expect(await listUsers()).toHaveLength(1);
  });

  it("stores an argon2id hash, never the password", async () => {
    await setupFirstAdmin({ input: { email: "first@example.test", name: "First", password: "a-long-password", setupCode: issueCode() }, ip: null });
    const credentials = await findCredentialsByEmail("first@example.test");
    expect(credentials?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(credentials?.passwordHash ?? "", "a-long-password")).toBe(true);
  });
});

describe("user management", () => {
  it("creates users with roles and audits it; a duplicate email is a conflict", async () => {
    const { principal: admin } = await makeUser("admin");
    const analyst = await createUser({ actor: admin, input: { email: "ana@example.test", name: "Ana", password: "a-long-password", role: "analyst" } });
    expect(analyst).toMatchObject({ email: "ana@example.test", role: "analyst", disabled: false });
    expect(JSON.stringify(analyst)).not.toContain("password");
    await expect(
      createUser({ actor: admin, input: { email: "ana@example.test", name: "Ana 2", password: "a-long-password", role: "viewer" } }),
    ).rejects.toMatchObject({ code: "conflict" });
    const { rows } = await listAuditEvents({ limit: 10 });
    expect(rows.map((r) => r.action)).toContain("user.created");
  });

  it("changes roles and disables users, with audit entries", async () => {
    const { principal: admin } = await makeUser("admin");
    const { user } = await makeUser("viewer");
    await updateUser({ actor: admin, id: user.id, input: { role: "analyst" } });
    await updateUser({ actor: admin, id: user.id, input: { disabled: true } });
    expect(await findUserByEmail(user.email)).toMatchObject({ role: "analyst", disabled: true });
    const actions = (await listAuditEvents({ limit: 10 })).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.role_changed", "user.disabled"]));
  });

  it("never leaves the portal without an active admin, and admins cannot disable themselves", async () => {
    const { principal: admin } = await makeUser("admin");
    await expect(updateUser({ actor: admin, id: admin.userId, input: { role: "viewer" } })).rejects.toMatchObject({ code: "conflict" });
    await expect(updateUser({ actor: admin, id: admin.userId, input: { disabled: true } })).rejects.toMatchObject({ code: "conflict" });
    const { principal: second } = await makeUser("admin");
    await updateUser({ actor: second, id: admin.userId, input: { role: "analyst" } });
    expect((await findUserByEmail(admin.email))?.role).toBe("analyst");
  });

  it("404s an unknown user", async () => {
    const { principal: admin } = await makeUser("admin");
    await expect(updateUser({ actor: admin, id: "00000000-0000-4000-8000-000000000000", input: { role: "viewer" } })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("creates or updates the admin from the environment", async () => {
    expect(await ensureEnvAdmin({ email: "Ops@Example.test", password: "first-password-123" })).toBe("created");
    expect(await ensureEnvAdmin({ email: "ops@example.test", password: "second-password-123" })).toBe("updated");
    const credentials = await findCredentialsByEmail("ops@example.test");
    expect(credentials?.role).toBe("admin");
    expect(await verifyPassword(credentials?.passwordHash ?? "", "second-password-123")).toBe(true);
  });
});
