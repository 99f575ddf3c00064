import { expect, test } from "@playwright/test";
import { ADMIN, createTokenWithCli, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

test.describe("REST API", () => {
  test("GET /api/v1/health needs no auth and reports database, migrations and worker", async ({ request }) => {
    const response = await request.get("/api/v1/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.database.reachable).toBe(true);
    expect(body.migrations).toMatchObject({ applied: true, pending: [] });
    expect(body.worker).toHaveProperty("heartbeatAgeSeconds");
    await expect.poll(async () => (await (await request.get("/api/v1/health")).json()).worker.healthy, { timeout: 30_000 }).toBe(true);
  });

  test("401 JSON without a token; a CLI token acts with its owner's role", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext();
    const unauthenticated = await anonymous.get("/api/v1/portal-users");
    expect(unauthenticated.status()).toBe(401);
    expect(unauthenticated.headers()["content-type"]).toContain("application/problem+json");
    expect((await unauthenticated.json()).detail).toMatch(/Sign in or send a valid API token/);
    const badToken = await anonymous.get("/api/v1/me", { headers: { authorization: "Bearer wpt_not-a-real-token" } });
    expect(badToken.status()).toBe(401);

    const token = createTokenWithCli(ADMIN.email);
    expect(token).toMatch(/^wpt_/);
    const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    const me = await admin.get("/api/v1/me");
    expect(await me.json()).toMatchObject({ email: ADMIN.email, role: "admin", authenticatedBy: "token" });
    const users = await admin.get("/api/v1/portal-users");
    expect(users.status()).toBe(200);
    // No password or hash in any form (the mustChangePassword flag is the only key that names one).
    expect(JSON.stringify(await users.json()).replaceAll('"mustChangePassword"', "")).not.toMatch(/password|argon2/i);
  });

  test("viewer token: reads allowed, admin endpoints 403; bad input 400 with a message", async ({ playwright }) => {
    const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
    const viewerEmail = uniqueEmail("api-viewer");
    const created = await admin.post("/api/v1/portal-users", { data: { name: "API Viewer", email: viewerEmail, password: USER_PASSWORD, role: "viewer" } });
    expect(created.status()).toBe(201);

    const invalid = await admin.post("/api/v1/portal-users", { data: { name: "", email: "x", password: "1", role: "root" } });
    expect(invalid.status()).toBe(400);
    const problem = await invalid.json();
    expect(problem.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(["email", "name", "password", "role"]);
    const notJson = await admin.post("/api/v1/portal-users", { data: "{oops", headers: { "content-type": "application/json" } });
    expect(notJson.status()).toBe(400);
    const duplicate = await admin.post("/api/v1/portal-users", { data: { name: "Again", email: viewerEmail, password: USER_PASSWORD, role: "viewer" } });
    expect(duplicate.status()).toBe(409);
    const badId = await admin.patch("/api/v1/portal-users/not-a-uuid", { data: { role: "admin" } });
    expect(badId.status()).toBe(400);

    const viewer = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(viewerEmail)}` } });
    expect((await viewer.get("/api/v1/me")).status()).toBe(200);
    expect((await viewer.get("/api/v1/tokens")).status()).toBe(200);
    for (const response of [
      await viewer.get("/api/v1/portal-users"),
      await viewer.post("/api/v1/portal-users", { data: { name: "Evil", email: uniqueEmail("evil"), password: USER_PASSWORD, role: "admin" } }),
      await viewer.get("/api/v1/audit-log"),
    ]) {
      expect(response.status()).toBe(403);
      expect((await response.json()).code).toBe("forbidden");
    }
  });

  test("sign-in is throttled with HTTP 429 after 5 failures", async ({ playwright }) => {
    const ip = uniqueIp();
    const client = await playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
    const email = uniqueEmail("throttled");
    const attempt = async () => {
      const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
      return client.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: "wrong-password", json: "true" } });
    };
    for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(401);
    const refused = await attempt();
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/Too many failed sign-in attempts/);
  });

  test("cross-site mutations with a session cookie are refused", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: "e2e/.auth/admin.json" });
    const crossSite = await context.request.post("/api/v1/tokens", { data: { name: "csrf" }, headers: { origin: "https://evil.example" } });
    expect(crossSite.status()).toBe(403);
    const sameSite = await context.request.post("/api/v1/tokens", { data: { name: "same-site" }, headers: { origin: new URL(baseURL ?? "").origin } });
    expect(sameSite.status()).toBe(201);
    await context.close();
  });
});
