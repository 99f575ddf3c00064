import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 19 part 3: a read-only API key "with scopes" connects; the connector page shows which features it allows,
// and the governance buttons that need a write scope are disabled with the reason.
let sim: TRunningSimulator;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("a read-only scoped key: features shown available or not, governance buttons disabled with the missing scope", async ({ browser }) => {
  test.setTimeout(120_000);
  const org = await createSimOrg(sim.baseUrl, { scopes: ["read:events:admin", "read:directories:admin", "read:domains:admin", "read:policies:admin"] });
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Scoped ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const connector = (await created.json()) as { id: string; missingScopes: string[] };
  expect(connector.missingScopes).toEqual(["write:directories:admin", "write:users:admin", "read:workspaces:admin"]);

  const page = await context.newPage();
  await page.goto(`/connectors/${connector.id}`);
  await expect(page.getByTestId("feature-activity")).toContainText("Available");
  await expect(page.getByTestId("feature-posture")).toContainText("Available");
  await expect(page.getByTestId("feature-suspend")).toContainText("Unavailable: missing write:directories:admin");
  await expect(page.getByTestId("feature-revoke_tokens")).toContainText("Unavailable: missing write:users:admin");
  await page.getByRole("button", { name: "Re-check scopes" }).click();
  await expect(page.getByRole("button", { name: "Re-check scopes" })).toBeEnabled();

  const target = org.users[1] as { email: string };
  let userId: string | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await context.request.get(`/api/v1/users?connectorId=${connector.id}&q=${encodeURIComponent(target.email)}`)).json()) as { data: { id: string }[] };
        userId = list.data[0]?.id;
        return userId;
      },
      { timeout: 60_000 },
    )
    .toBeTruthy();
  await page.goto(`/users/${userId}`);
  const suspend = page.getByRole("button", { name: "Suspend user", exact: true });
  await expect(suspend).toBeDisabled();
  await expect(suspend).toHaveAttribute("title", /lacks the scope write:directories:admin/);
  await expect(page.getByRole("button", { name: "Require user to sign in again" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Notify user" })).toBeEnabled();
  await expect(page.getByRole("list", { name: "Unavailable governance actions" })).toContainText("Suspend user is unavailable");

  expect((await context.request.delete(`/api/v1/connectors/${connector.id}`)).status()).toBe(200);
  await context.close();
});

test("a key without read:policies:admin: the posture page says policies are unavailable and why", async ({ browser }) => {
  test.setTimeout(90_000);
  const org = await createSimOrg(sim.baseUrl, { scopes: ["read:events:admin", "read:directories:admin", "read:domains:admin"] });
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `No policies ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const connector = (await created.json()) as { id: string; missingScopes: string[] };
  expect(connector.missingScopes).toContain("read:policies:admin");

  const page = await context.newPage();
  await page.goto(`/posture?connector=${connector.id}`);
  const notice = page.getByRole("status").filter({ hasText: "Policies unavailable" });
  await expect(notice).toContainText("Policies unavailable: missing read:policies:admin");
  await expect(notice.getByRole("link", { name: "Rotate in a key with that scope" })).toHaveAttribute("href", `/connectors/${connector.id}`);

  expect((await context.request.delete(`/api/v1/connectors/${connector.id}`)).status()).toBe(200);
  await context.close();
});
