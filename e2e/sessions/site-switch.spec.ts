import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { withDatabase } from "../fixtures/database";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 21: the connector page lists the org's sites with the Protect through the session proxy switch. The
// simulator on this branch does not serve the workspaces listing yet, so the sites are seeded as the sync writes them.
let sim: TRunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("an admin protects a site through the session proxy and gets the proxied URL to give users", async ({ browser }) => {
  const org = await createSimOrg(sim.baseUrl);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Sites ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id: connectorId } = (await created.json()) as { id: string };
  const page = await context.newPage();
  await page.goto(`/connectors/${connectorId}`);
  await expect(page.getByTestId("sites-empty")).toContainText("No sites found yet");

  const host = `e2e-${randomUUID().slice(0, 6)}.atlassian.net`;
  await withDatabase((db) =>
    db.query("INSERT INTO atlassian_sites (id, connector_id, host, name, products) VALUES (gen_random_uuid(), $1, $2, $3, $4)", [connectorId, host, host.split(".")[0], ["confluence", "jira-software"]]),
  );
  await page.reload();
  const row = page.getByTestId(`site-${host}`);
  await expect(row).toContainText("confluence");
  await expect(row).toContainText("Not protected");
  const toggle = page.getByRole("switch", { name: `Protect through the session proxy: ${host}` });
  await expect(toggle).not.toBeChecked();
  // The switch shows what the server stored: it flips once the PATCH has answered.
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(row.getByTestId("proxied-url")).toHaveText(`https://${host}.proxy.localhost:4443`);
  await expect(row.getByRole("button", { name: "Copy URL" })).toBeVisible();

  const list = (await (await context.request.get(`/api/v1/connectors/${connectorId}/sites`)).json()) as { data: { host: string; isProtected: boolean }[] };
  expect(list.data).toEqual([expect.objectContaining({ host, isProtected: true })]);
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(row).toContainText("Not protected");

  expect((await context.request.delete(`/api/v1/connectors/${connectorId}`)).status()).toBe(200);
  await context.close();
});
