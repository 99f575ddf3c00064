import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { insertSessionActivity, insertSessionPolicy } from "../../lib/testing/session-policy-rows";
import { withDatabase } from "../fixtures/database";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 22: the dashboard's Sessions card. The e2e database is shared with other specs, so the figures are checked
// against the API's (the same service) and against at least what this spec seeded.
let sim: TRunningSimulator | undefined;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

type TSessions = { protectedSites: number; proxiedSessions: number; unmanagedSessions: number; unmanagedShare: number | null; downloadsBlocked: number };

test("the Sessions card shows proxied sessions, the unmanaged share and downloads blocked, with links", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1400, height: 1600 } });
  const org = await createSimOrg(sim?.baseUrl ?? "");
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Sessions card ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim?.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id: connectorId } = (await created.json()) as { id: string };
  await withDatabase(async (db) => {
    await db.query("INSERT INTO atlassian_sites (id, connector_id, host, name, is_protected, protected_at) VALUES (gen_random_uuid(), $1, $2, 'cards', true, now())", [
      connectorId,
      `cards-${randomUUID().slice(0, 8)}.atlassian.net`,
    ]);
    for (const managed of [false, false, true]) {
      await db.query("INSERT INTO proxy_sessions (id, connector_id, site_host, device_managed) VALUES (gen_random_uuid(), $1, 'acme.atlassian.net', $2)", [connectorId, managed]);
    }
    const policy = await insertSessionPolicy(db, { alert: null });
    await insertSessionActivity(db, { connectorId, policies: [policy] });
    await insertSessionActivity(db, { connectorId, policies: [policy], action: "proxy_export_space" });
  });

  const api = (await (await context.request.get("/api/v1/dashboard?range=24h")).json()) as { sessions: TSessions };
  expect(api.sessions.protectedSites).toBeGreaterThanOrEqual(1);
  expect(api.sessions.proxiedSessions).toBeGreaterThanOrEqual(3);
  expect(api.sessions.unmanagedSessions).toBeGreaterThanOrEqual(2);
  expect(api.sessions.downloadsBlocked).toBeGreaterThanOrEqual(2);

  const page = await context.newPage();
  await page.goto("/?range=24h");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Sessions", exact: true }) });
  // The page reads the dashboard a moment after the API call above: other specs may add sessions meanwhile.
  const figure = async (testId: string) => Number((await card.getByTestId(testId).innerText()).replace(/[^0-9.]/g, ""));
  await expect(card.getByTestId("sessions-proxied")).toBeVisible();
  expect(await figure("sessions-proxied")).toBeGreaterThanOrEqual(api.sessions.proxiedSessions);
  expect(await figure("sessions-downloads-blocked")).toBeGreaterThanOrEqual(api.sessions.downloadsBlocked);
  await expect(card.getByTestId("sessions-unmanaged-share")).toHaveText(/^\d+(\.\d)?%$/);
  await expect(card.getByRole("link", { name: "All sessions" })).toHaveAttribute("href", "/sessions");
  const blocked = card.getByRole("link", { name: "See them in the activity log" });
  await expect(blocked).toHaveAttribute("href", /^\/activities\?outcome=blocked&source=session_proxy&from=/);
  await page.screenshot({ path: "test-results/dashboard-sessions-card.png", fullPage: true });

  expect((await context.request.delete(`/api/v1/connectors/${connectorId}`)).status()).toBe(200);
  await context.close();
});
