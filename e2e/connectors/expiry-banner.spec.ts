import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

let sim: TRunningSimulator;

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("every page warns about an API key that expires within days", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const org = await createSimOrg(sim.baseUrl);
  const expiresAt = new Date(Date.now() + 5 * 86_400_000 + 3_600_000).toISOString();
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Expiring ${org.orgId.slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, apiKeyExpiresAt: expiresAt },
  });
  expect(created.status()).toBe(201);
  const { id, name } = (await created.json()) as { id: string; name: string };

  const page = await context.newPage();
  await page.goto("/settings/tokens");
  const banner = page.getByRole("region", { name: "Connector warnings" });
  await expect(banner).toContainText(`The API key of “${name}” expires in 5 day(s)`);
  await banner.getByRole("link", { name: "Open connector" }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/${id}$`));

  expect((await context.request.delete(`/api/v1/connectors/${id}`)).status()).toBe(200);
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Connector warnings" })).toHaveCount(0);
  await context.close();
});
