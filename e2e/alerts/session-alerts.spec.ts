import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { insertSessionActivity, insertSessionPolicy } from "../../lib/testing/session-policy-rows";
import { withDatabase } from "../fixtures/database";
import { ADMIN_STATE, expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

// Issue 22: a request a session policy matched (the proxy's activity, seeded here as the proxy writes it) becomes an
// alert through the real worker within 3 s; its page shows the session, device, file and request, and an analyst
// ends the session and suspends the user from there. The proxy itself is not part of this spec.
let sim: TRunningSimulator | undefined;
let admin: BrowserContext;
let org: Awaited<ReturnType<typeof createSimOrg>>;
let connectorId: string;
const analystEmail = uniqueEmail("session-analyst");

type TAlertList = { data: { id: string; title: string; user: { accountId: string | null } }[] };
const ALERT_TARGET_MS = 3_000;

/** Polls the alerts of a session policy until `count` are there; returns them and how long it took from `since`. */
const waitForAlerts = async (request: APIRequestContext, policyId: string, count: number, since: number) => {
  let alerts: TAlertList["data"] = [];
  await expect
    .poll(
      async () => {
        alerts = ((await (await request.get(`/api/v1/alerts?policyKey=session:${policyId}&limit=50`)).json()) as TAlertList).data;
        return alerts.length;
      },
      { timeout: 15_000, intervals: [100] },
    )
    .toBe(count);
  return { alerts, ms: Date.now() - since };
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  org = await createSimOrg(sim.baseUrl);
  admin = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await admin.request.post("/api/v1/connectors", {
    data: { name: `Session alerts ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  connectorId = ((await created.json()) as { id: string }).id;
  const user = await admin.request.post("/api/v1/portal-users", { data: { name: "Session analyst", email: analystEmail, password: USER_PASSWORD, role: "analyst" } });
  expect(user.status()).toBe(201);
});

test.afterAll(async () => {
  await admin?.request.delete(`/api/v1/connectors/${connectorId}`);
  await admin?.close();
  await sim?.close();
});

test("a session alert appears within 3 s, shows session, device, file and request, and End session and Suspend user work from it", async ({ browser }) => {
  test.setTimeout(120_000);
  const target = org.users[1] as { accountId: string; email: string; name: string };
  // Suspend user needs the account in the synced directory.
  await expect
    .poll(async () => ((await (await admin.request.get(`/api/v1/users?connectorId=${connectorId}&q=${encodeURIComponent(target.email)}`)).json()) as { data: unknown[] }).data.length, {
      timeout: 60_000,
    })
    .toBe(1);

  const sessionId = randomUUID();
  const { policy, since } = await withDatabase(async (db) => {
    const policy = await insertSessionPolicy(db, { alert: { severity: "high", maxPerDay: 20 } });
    await db.query(
      `INSERT INTO proxy_sessions (id, connector_id, site_host, account_id, user_email, user_name, device_managed, ip, country_code, user_agent)
       VALUES ($1, $2, 'acme.atlassian.net', $3, $4, $5, false, '81.2.69.142', 'GB', 'Chromium')`,
      [sessionId, connectorId, target.accountId, target.email, target.name],
    );
    const since = Date.now();
    await insertSessionActivity(db, { connectorId, policies: [policy], sessionId, user: { accountId: target.accountId, email: target.email, name: target.name } });
    return { policy, since };
  });
  const { alerts, ms } = await waitForAlerts(admin.request, policy.id, 1, since);
  expect(ms, `the alert took ${ms} ms`).toBeLessThanOrEqual(ALERT_TARGET_MS);
  const alert = alerts[0];
  if (!alert) throw new Error("no alert");
  expect(alert.title).toBe("Blocked download to an unmanaged device: threat-model.pdf");

  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await signInWithForm(page, analystEmail, USER_PASSWORD);
  await expectSignedInAs(page, "analyst");
  await page.goto(`/alerts/${alert.id}`);
  const card = page.getByTestId("alert-session");
  await expect(card.getByTestId("session-outcome")).toHaveText("Blocked");
  await expect(card.getByTestId("session-id")).toContainText(sessionId);
  await expect(card.getByTestId("session-id")).toContainText("Live");
  await expect(card.getByTestId("session-device")).toContainText("Unmanaged");
  await expect(card.getByTestId("session-file")).toContainText("threat-model.pdf");
  await expect(card.getByTestId("session-file")).toContainText("1.1 MB");
  await expect(card.getByTestId("session-request")).toContainText("GET acme.atlassian.net/wiki/download/attachments/65601/threat-model.pdf");
  await expect(card.getByTestId("session-request")).toContainText("status 200");
  await expect(card.getByTestId("session-ip")).toContainText("81.2.69.142");
  await expect(page.getByTestId("alert-explanation")).toContainText(`Session policy "${policy.name}" blocked the download of threat-model.pdf`);
  await page.screenshot({ path: "test-results/session-alert.png", fullPage: true });

  // End session: confirmed, then shown as done, and the button says why it is off.
  await card.getByRole("button", { name: "End session" }).click();
  const endDialog = page.getByRole("dialog", { name: `End the session of ${target.email}?` });
  await endDialog.getByRole("button", { name: "End session" }).click();
  await expect(endDialog).toBeHidden();
  await expect(card.getByText("Session ended.")).toBeVisible();
  await expect(card.getByTestId("session-id")).toContainText("Ended");
  await expect(card.getByRole("button", { name: "End session" })).toBeDisabled();
  await expect(card.getByText(/End session is unavailable\. The session already ended/)).toBeVisible();
  const ended = await withDatabase(async (db) => (await db.query<{ ended: boolean }>("SELECT ended_at IS NOT NULL AS ended FROM proxy_sessions WHERE id = $1", [sessionId])).rows[0]);
  expect(ended?.ended).toBe(true);

  // Suspend user: the governance action, confirmed with a reason, run by the worker against the simulator.
  await card.getByRole("button", { name: "Suspend user" }).click();
  const suspendDialog = page.getByRole("dialog", { name: "Suspend user?" });
  await suspendDialog.getByLabel("Reason").fill("Blocked download of threat-model.pdf to an unmanaged device");
  await suspendDialog.getByRole("button", { name: "Suspend user" }).click();
  await expect(suspendDialog).toHaveCount(0);
  await expect(card.getByText("Suspend user succeeded.")).toBeVisible({ timeout: 20_000 });
  await context.close();
});

test("an anonymous request's alert offers neither action, and says why", async () => {
  const { policy, since } = await withDatabase(async (db) => {
    const policy = await insertSessionPolicy(db, { alert: { severity: "medium", maxPerDay: 5 } });
    const since = Date.now();
    await insertSessionActivity(db, { connectorId, policies: [policy], user: null, sessionId: randomUUID() });
    return { policy, since };
  });
  const { alerts, ms } = await waitForAlerts(admin.request, policy.id, 1, since);
  expect(ms).toBeLessThanOrEqual(ALERT_TARGET_MS);
  expect(alerts[0]?.user.accountId).toBeNull();
  const page = await admin.newPage();
  await page.goto(`/alerts/${alerts[0]?.id}`);
  const card = page.getByTestId("alert-session");
  await expect(card.getByRole("button", { name: "End session" })).toBeDisabled();
  await expect(card.getByRole("button", { name: "Suspend user" })).toBeDisabled();
  await expect(card.getByText(/End session is unavailable\. The proxied session of this request is not known/)).toBeVisible();
  await expect(card.getByText(/Suspend user is unavailable\. The request was anonymous/)).toBeVisible();
  await page.close();
});
