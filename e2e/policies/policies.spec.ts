import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";

let sim: TRunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim.close();
});

const SHOTS = process.env.E2E_SCREENSHOTS ?? "test-results/screens";

test("admin toggles a built-in policy and tunes its sensitivity", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/policies");
  const toggle = page.getByRole("switch", { name: "Enable Impossible travel" });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.getByLabel("Sensitivity of Impossible travel").selectOption("high");
  await page.screenshot({ path: `${SHOTS}/policies-list.png`, fullPage: true });
  await page.reload();
  await expect(page.getByRole("switch", { name: "Enable Impossible travel" })).not.toBeChecked();
  await expect(page.getByLabel("Sensitivity of Impossible travel")).toHaveValue("high");
  await page.getByRole("switch", { name: "Enable Impossible travel" }).click();
  await expect(page.getByRole("switch", { name: "Enable Impossible travel" })).toBeChecked();

  // Scope: exclude a travelling user.
  await page.getByRole("button", { name: "Edit scope of Impossible travel" }).click();
  await page.getByRole("dialog").getByLabel("Except these users").fill("road.warrior@acme.test");
  await page.getByRole("dialog").getByRole("button", { name: "Save scope" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("policy-impossible_travel")).toContainText("Everyone, 1 excluded");

  // Leave the shared e2e instance as found: other specs rely on the default tuning.
  await page.getByRole("button", { name: "Edit scope of Impossible travel" }).click();
  await page.getByRole("dialog").getByLabel("Except these users").fill("");
  await page.getByRole("dialog").getByRole("button", { name: "Save scope" }).click();
  await expect(page.getByTestId("policy-impossible_travel")).toContainText(/Everyone\s*Edit/);
  await page.getByLabel("Sensitivity of Impossible travel").selectOption("medium");
  await expect(page.getByLabel("Sensitivity of Impossible travel")).toHaveValue("medium");
  await context.close();
});

test("admin creates a custom policy from a template after a preview", async ({ browser, playwright }) => {
  // Stored history for the preview: a burst of 12 failed logins of one user, synced from a simulator org.
  const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  const org = await createSimOrg(sim.baseUrl);
  const victim = org.users[2] as { accountId: string; name: string; email: string };
  const burst = loginEvents([victim], 12, Date.now() - 120_000).map((e) => ({ ...e, attributes: { ...e.attributes, action: "user_login_failed" } }));
  await postEvents(sim.baseUrl, org.orgId, burst);
  const created = await admin.post("/api/v1/connectors", { data: { name: `Preview ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  expect(created.status()).toBe(201);
  const connectorId = ((await created.json()) as { id: string }).id;
  await admin.post(`/api/v1/connectors/${connectorId}/sync`);
  const stored = async () => ((await (await admin.get(`/api/v1/connectors/${connectorId}`)).json()) as { stats: { activitiesStored: number } }).stats.activitiesStored;
  await expect.poll(stored, { timeout: 60_000 }).toBeGreaterThanOrEqual(12);

  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/policies");
  await page.getByRole("link", { name: "New policy" }).click();
  await expect(page.getByRole("heading", { name: "New policy" })).toBeVisible();
  await page.getByLabel("Template").selectOption({ label: "Multiple failed sign-ins" });
  await expect(page.getByLabel("Actions", { exact: true })).toHaveValue("user_login_failed");
  await expect(page.getByLabel("Count", { exact: true })).toHaveValue("11");

  // A form error from the shared schema.
  await page.getByLabel("Count", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Count must be at least 2")).toBeVisible();
  await page.getByLabel("Count", { exact: true }).fill("11");

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("policy-preview-result");
  await expect(preview).toContainText(/Would have raised [1-9]\d* alerts? over the last 7 days/);
  await expect(preview).toContainText(victim.email);
  const name = `Failed sign-ins ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.screenshot({ path: `${SHOTS}/policy-editor.png`, fullPage: true });
  await page.getByRole("button", { name: "Create policy" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("switch", { name: `Enable ${name}` })).toBeChecked();

  await page.getByRole("link", { name }).click();
  await expect(page.getByLabel("Actions", { exact: true })).toHaveValue("user_login_failed");
  await page.getByRole("button", { name: "Delete policy" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete policy" }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await context.close();
});

test("policies API: built-ins refuse other fields, bad filters are 400s", async ({ playwright }) => {
  const admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  const list = await (await admin.get("/api/v1/policies")).json();
  expect(list.data.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(["impossible_travel", "unusual_impersonation"]));
  const rename = await admin.patch("/api/v1/policies/impossible_travel", { data: { name: "x" } });
  expect(rename.status()).toBe(400);
  expect((await rename.json()).error.message).toMatch(/Built-in policies accept only/);
  const badFilter = await admin.post("/api/v1/policies", { data: { name: "Bad", filter: { actions: ["nope"] }, trigger: { kind: "single" } } });
  expect(badFilter.status()).toBe(400);
  expect((await badFilter.json()).error.message).toMatch(/Unknown action "nope"/);
  const badPreview = await admin.post("/api/v1/policies/preview", { data: { filter: {}, trigger: { kind: "repeated", count: 5, windowMinutes: 0 }, days: 7 } });
  expect(badPreview.status()).toBe(400);
  const preview = await admin.post("/api/v1/policies/preview", { data: { filter: { actions: ["user_login"] }, trigger: { kind: "single" }, days: 3 } });
  expect(preview.status()).toBe(200);
  expect(await preview.json()).toMatchObject({ days: 3, alertCount: expect.any(Number), activitiesScanned: expect.any(Number) });
});
