import { randomUUID } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 21: the connector page lists the org's sites (the simulator's workspaces listing, read by the sync) with the
// Protect through the session proxy switch and the proxied URL to give users.
let sim: TRunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

const connect = async (browser: Browser, org: { orgId: string; apiKey: string }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Sites ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return { context, id };
};

test("an admin protects a site through the session proxy and gets the proxied URL to give users", async ({ browser }) => {
  const name = `e2e-${randomUUID().slice(0, 6)}`;
  const host = `${name}.atlassian.net`;
  const org = await createSimOrg(sim.baseUrl, { sites: [{ name, products: ["jira-software", "confluence"] }] });
  const { context, id } = await connect(browser, org);
  const page = await context.newPage();
  await page.goto(`/connectors/${id}`);
  // The worker's first pass reads the workspaces; the card shows the site once a reload finds it.
  const row = page.getByTestId(`site-${host}`);
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText("confluence");
  await expect(row).toContainText("jira-software");
  await expect(row).toContainText("Not protected");
  const toggle = page.getByRole("switch", { name: `Protect through the session proxy: ${host}` });
  await expect(toggle).not.toBeChecked();
  // The switch shows what the server stored: it flips once the PATCH has answered.
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(row.getByTestId("proxied-url")).toHaveText(`https://${host}.proxy.localhost:${process.env.E2E_PROXY_PORT ?? 4543}`);
  await expect(row.getByRole("button", { name: "Copy URL" })).toBeVisible();

  const list = (await (await context.request.get(`/api/v1/connectors/${id}/sites`)).json()) as { data: { host: string; isProtected: boolean }[] };
  expect(list.data).toEqual([expect.objectContaining({ host, isProtected: true })]);
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(row).toContainText("Not protected");

  expect((await context.request.delete(`/api/v1/connectors/${id}`)).status()).toBe(200);
  await context.close();
});

test("a key without read:workspaces:admin: no sites, and the card says which scope is missing", async ({ browser }) => {
  const org = await createSimOrg(sim.baseUrl, { scopes: ["read:events:admin", "read:directories:admin", "read:domains:admin"] });
  const { context, id } = await connect(browser, org);
  const page = await context.newPage();
  await page.goto(`/connectors/${id}`);
  await expect(page.getByTestId("sites-empty")).toContainText("lacks the scope read:workspaces:admin");
  await expect(page.getByTestId("feature-sites")).toContainText("Unavailable: missing read:workspaces:admin");
  expect((await context.request.delete(`/api/v1/connectors/${id}`)).status()).toBe(200);
  await context.close();
});
