import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { withDatabase } from "../fixtures/database";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 21: /sessions lists what the session proxy writes to proxy_sessions. The proxy is not part of this spec:
// the rows are seeded as the proxy writes them, on a connector of a test-started simulator.
let sim: TRunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

test("proxied sessions are listed, filtered through the URL, and End session ends one", async ({ browser }) => {
  const org = await createSimOrg(sim.baseUrl);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await context.request.post("/api/v1/connectors", {
    data: { name: `Sessions ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id: connectorId } = (await created.json()) as { id: string };
  const tag = randomUUID().slice(0, 6);
  const live = `live-${tag}@acme.test`;
  const idle = `idle-${tag}@acme.test`;
  const insert = `INSERT INTO proxy_sessions (id, connector_id, site_host, account_id, user_email, user_name, device_managed, device_subject, device_serial, ip, country_code, user_agent, started_at, last_activity_at, requests, downloads, bytes_sent)
      VALUES (gen_random_uuid(), $1, 'acme.atlassian.net', $2, $3, $4, $5, $6, NULL, '203.0.113.7', 'GB', 'Chromium', now() - interval '1 hour', now() - ($7 || ' minutes')::interval, 42, 3, $8)`;
  await withDatabase(async (db) => {
    await db.query(insert, [connectorId, `acc-${tag}-1`, live, "Live Person", true, "CN=Ada's laptop", "1", 1_572_864]);
    await db.query(insert, [connectorId, `acc-${tag}-2`, idle, "Idle Person", false, null, "30", 0]);
    await db.query(insert, [connectorId, null, null, null, false, null, "2", 512]);
  });

  const page = await context.newPage();
  await page.goto(`/sessions?connectorId=${connectorId}`);
  const rows = page.getByTestId("proxy-session");
  await expect(rows).toHaveCount(3);
  const liveRow = rows.filter({ hasText: live });
  await expect(liveRow).toContainText("Managed");
  await expect(liveRow).toContainText("CN=Ada's laptop");
  await expect(liveRow).toContainText("203.0.113.7");
  await expect(liveRow).toContainText("GB");
  await expect(liveRow).toContainText("1.5 MB");
  await expect(liveRow).toContainText("Live");
  await expect(rows.filter({ hasText: idle })).toContainText("Unmanaged");
  await expect(rows.filter({ hasText: idle })).toContainText("Idle");
  await expect(rows.filter({ hasText: "anonymous" })).toHaveCount(1);
  // The list refreshes itself: a session the proxy starts now shows up without a reload.
  const newcomer = `new-${tag}@acme.test`;
  await withDatabase((db) => db.query(insert, [connectorId, `acc-${tag}-4`, newcomer, "New Person", false, null, "0", 0]));
  await expect(rows.filter({ hasText: newcomer })).toHaveCount(1, { timeout: 15_000 });
  await expect(rows).toHaveCount(4);

  await page.getByLabel("Status").selectOption("idle");
  await expect(page).toHaveURL(/status=idle/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(idle);
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("User").fill(`live-${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=live-${tag}`));
  await expect(rows).toHaveCount(1);

  await rows.first().getByRole("button", { name: `End session of ${live}` }).click();
  const dialog = page.getByRole("dialog", { name: `End the session of ${live}?` });
  await dialog.getByRole("button", { name: "End session" }).click();
  await expect(dialog).toBeHidden();
  await expect(rows.first()).toContainText("Ended");
  await expect(rows.first().getByRole("button", { name: /End session/ })).toHaveCount(0);
  const ended = await withDatabase(async (db) => (await db.query<{ ended: boolean }>("SELECT ended_at IS NOT NULL AS ended FROM proxy_sessions WHERE user_email = $1", [live])).rows[0]);
  expect(ended?.ended).toBe(true);

  expect((await context.request.delete(`/api/v1/connectors/${connectorId}`)).status()).toBe(200);
  await context.close();
});
