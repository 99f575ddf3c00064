import { beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listApiTokens } from "../../repositories/api-token-repository";
import { updateUser } from "../../repositories/user-repository";
import { authenticateToken } from "./authenticate-token";
import { createToken } from "./create-token";
import { createTokenForEmail } from "./create-token-for-email";
import { listTokens } from "./list-tokens";
import { revokeToken } from "./revoke-token";
import { ZCreateTokenInput } from "../../../shared/schemas/tokens";

beforeEach(resetDatabase);

describe("API tokens", () => {
  it("authenticates with the owner's role and records last use", async () => {
    const { principal } = await makeUser("analyst");
    const created = await createToken({ actor: principal, input: { name: "SIEM" } });
    expect(created.token).toMatch(/^wpt_/);
    const caller = await authenticateToken({ token: created.token, ip: "10.0.0.9" });
    expect(caller).toMatchObject({ userId: principal.userId, role: "analyst", via: "token", tokenId: created.id });
    const [stored] = await listApiTokens(principal.userId);
    expect(stored?.lastUsedAt).not.toBeNull();
  });

  it("never stores or lists the clear token", async () => {
    const { principal } = await makeUser("admin");
    const created = await createToken({ actor: principal, input: { name: "CI" } });
    const listed = await listTokens({ viewer: principal });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(listed[0]).toMatchObject({ name: "CI", prefix: created.token.slice(0, 10) });
  });

  it("rejects revoked tokens, tokens of disabled users and garbage", async () => {
    const { principal } = await makeUser("viewer");
    const a = await createToken({ actor: principal, input: { name: "a" } });
    const b = await createToken({ actor: principal, input: { name: "b" } });
    await revokeToken({ actor: principal, id: a.id });
    expect(await authenticateToken({ token: a.token, ip: null })).toBeNull();
    expect(await authenticateToken({ token: b.token, ip: null })).not.toBeNull();
    await updateUser(principal.userId, { disabled: true });
    expect(await authenticateToken({ token: b.token, ip: null })).toBeNull();
    expect(await authenticateToken({ token: "wpt_" + "x".repeat(43), ip: null })).toBeNull();
    expect(await authenticateToken({ token: "'; DROP TABLE users; --", ip: null })).toBeNull();
  });

  it("shows others' tokens only to admins, and lets only owners or admins revoke", async () => {
    const { principal: admin } = await makeUser("admin");
    const { principal: viewer } = await makeUser("viewer");
    const { principal: other } = await makeUser("viewer");
    const adminToken = await createToken({ actor: admin, input: { name: "admin's" } });
    await createToken({ actor: viewer, input: { name: "viewer's" } });
    expect((await listTokens({ viewer })).map((t) => t.name)).toEqual(["viewer's"]);
    expect(await listTokens({ viewer: admin })).toHaveLength(2);
    await expect(revokeToken({ actor: other, id: adminToken.id })).rejects.toMatchObject({ code: "not_found" });
    const viewerToken = (await listTokens({ viewer }))[0];
    await expect(revokeToken({ actor: admin, id: viewerToken?.id ?? "" })).resolves.toMatchObject({ revokedAt: expect.any(String) });
  });

  it("expires a token created with expiresInDays, shown in the list and refused (like a revoked one) from then on", async () => {
    const { principal } = await makeUser("viewer");
    const now = new Date("2026-12-07T09:00:00Z");
    const day = 24 * 60 * 60 * 1000;
    const expiring = await createToken({ actor: principal, input: { name: "month", expiresInDays: 30 }, now });
    const forever = await createToken({ actor: principal, input: { name: "forever", expiresInDays: null }, now });
    expect(expiring.expiresAt).toBe(new Date(now.getTime() + 30 * day).toISOString());
    expect(forever.expiresAt).toBeNull();
    expect((await listTokens({ viewer: principal })).map((t) => [t.name, t.expiresAt])).toEqual(
      expect.arrayContaining([["month", expiring.expiresAt], ["forever", null]]),
    );
    expect(await authenticateToken({ token: expiring.token, ip: null, now: new Date(now.getTime() + 30 * day - 1000) })).not.toBeNull();
    expect(await authenticateToken({ token: expiring.token, ip: null, now: new Date(now.getTime() + 30 * day) })).toBeNull();
    expect(await authenticateToken({ token: forever.token, ip: null, now: new Date(now.getTime() + 3650 * day) })).not.toBeNull();
    expect(ZCreateTokenInput.safeParse({ name: "x", expiresInDays: 7 }).error?.issues[0]?.message).toBe("Expiry must be 30, 90 or 365 days, or null for none");
    expect(ZCreateTokenInput.safeParse({ name: "x", expiresInDays: "30" }).success).toBe(false);
  });

  it("creates tokens for automation by email", async () => {
    const { user } = await makeUser("admin");
    const created = await createTokenForEmail({ email: user.email, name: "automation" });
    expect(created.role).toBe("admin");
    expect(await authenticateToken({ token: created.token, ip: null })).toMatchObject({ userId: user.id });
    await expect(createTokenForEmail({ email: "nobody@example.test", name: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createTokenForEmail({ email: user.email, name: "" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
