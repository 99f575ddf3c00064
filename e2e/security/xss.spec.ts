// Stored XSS: every kind of user-controlled text the portal stores (from its own users and from the
// Atlassian org, via the simulator) is an HTML/script payload; the pages that render it must show it as
// text and never run it (no dialog, the payload's window flag stays unset). See docs/security.md.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { postEvents } from "../../lib/testing/sim-org";
import { USER_PASSWORD } from "../fixtures/env";
import { watchCspViolations } from "./csp-violations";
import { adminPrincipal, disposePrincipals, signInWithApi, type TPrincipal } from "./principals";

/**
 * An inline handler that sets a flag if it runs. The portal's CSP (nonces, no 'unsafe-inline') would refuse it
 * too, so the tests below also require that the markup never reaches the DOM: escaping is checked on its own.
 */
const payload = (kind: string) => `${kind}<img src=x onerror=window.__xss=1;alert(1)>"'><svg onload=window.__xss=2>`;

const P = {
  org: payload("org"),
  user: payload("atl"),
  city: payload("city"),
  connector: payload("con"),
  policy: payload("pol"),
  policyDescription: payload("desc"),
  range: payload("rng"),
  portalUser: payload("usr"),
  token: payload("tok"),
  channel: payload("chn"),
  comment: payload("cmt"),
  reason: payload("why"),
};

let sim: TRunningSimulator;
let admin: TPrincipal;
const ids: Record<string, string> = {};
const accountId = `acc-xss-${randomUUID().slice(0, 8)}`;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  expect(Math.max(...Object.values(P).map((p) => p.length))).toBeLessThanOrEqual(80);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await adminPrincipal(playwright);
  const api = admin.api;

  // Atlassian side: an org whose name, user name and event texts are payloads.
  const orgId = randomUUID();
  const apiKey = `key-${randomUUID()}`;
  const created = await fetch(`${sim.baseUrl}/__sim/orgs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: orgId, name: P.org, apiKeys: [{ key: apiKey }], domains: [{ name: "xss.test", status: "verified" }], users: [{ accountId, name: P.user, email: "victim@xss.test" }] }),
  });
  expect(created.status).toBe(201);

  // A custom policy named with a payload, scoped to this org's user only (so other specs see no extra alerts).
  const policy = await api.post("/api/v1/policies", {
    data: { name: P.policy, description: P.policyDescription, filter: { actions: ["user_login"] }, trigger: { kind: "single" }, scope: { includeUsers: [accountId], excludeUsers: [], includeGroups: [], excludeGroups: [] } },
  });
  expect(policy.status(), await policy.text()).toBe(201);
  ids.policy = ((await policy.json()) as { id: string }).id;

  const connector = await api.post("/api/v1/connectors", { data: { name: P.connector, orgId, apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  expect(connector.status(), await connector.text()).toBe(201);
  ids.connector = ((await connector.json()) as { id: string }).id;
  await postEvents(sim.baseUrl, orgId, [
    {
      id: randomUUID(),
      type: "events",
      attributes: {
        time: new Date().toISOString(),
        action: "user_login",
        actor: { id: accountId, name: P.user, email: "victim@xss.test" },
        location: { ip: "185.220.101.77", geo: "50.1109,8.6821", countryName: "Germany", regionName: P.city, city: P.city },
      },
      message: { content: P.user, format: "simple" },
    },
  ]);
  await api.post(`/api/v1/connectors/${ids.connector}/sync`);
  const alerts = async () => ((await (await api.get(`/api/v1/alerts?connectorId=${ids.connector}`)).json()) as { data: { id: string; policyKey: string }[] }).data;
  await expect.poll(async () => (await alerts()).length, { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
  ids.alert = ((await alerts()).find((a) => a.policyKey.startsWith("custom:")) ?? (await alerts())[0])?.id ?? "";
  const users = (await (await api.get(`/api/v1/users?connectorId=${ids.connector}`)).json()) as { data: { id: string }[] };
  ids.atlassianUser = users.data[0]?.id ?? "";

  // Portal side: comment, IP range, portal user, token, notification channel (disabled: it must not send), governance reason.
  expect((await api.post(`/api/v1/alerts/${ids.alert}/comments`, { data: { body: P.comment } })).status()).toBe(201);
  const octet = Math.floor(Math.random() * 250);
  const range = await api.post("/api/v1/ip-ranges", { data: { name: P.range, cidrs: [`100.64.${octet}.0/28`], category: "corporate" } });
  expect(range.status(), await range.text()).toBe(201);
  ids.range = ((await range.json()) as { id: string }).id;
  const email = `xss-${randomUUID().slice(0, 8)}@e2e.test`;
  expect((await api.post("/api/v1/portal-users", { data: { name: P.portalUser, email, password: USER_PASSWORD, role: "viewer" } })).status()).toBe(201);
  ids.portalUserEmail = email;
  expect((await api.post("/api/v1/tokens", { data: { name: P.token } })).status()).toBe(201);
  const channel = await api.post("/api/v1/notification-channels", { data: { kind: "webhook", name: P.channel, url: "https://hooks.example.test/xss", enabled: false } });
  expect(channel.status(), await channel.text()).toBe(201);
  ids.channel = ((await channel.json()) as { id: string }).id;
  const action = await api.post("/api/v1/governance-actions", { data: { action: "notify_user", accountId, connectorId: ids.connector, reason: P.reason } });
  expect(action.status(), await action.text()).toBe(202);
});

test.afterAll(async () => {
  if (ids.range) await admin.api.delete(`/api/v1/ip-ranges/${ids.range}`);
  if (ids.channel) await admin.api.delete(`/api/v1/notification-channels/${ids.channel}`);
  if (ids.policy) await admin.api.patch(`/api/v1/policies/${ids.policy}`, { data: { enabled: false } });
  await disposePrincipals(admin);
  await sim?.close();
});

/** A page whose CSP violations are collected (e2e/security/csp-violations.ts). */
type TWatchedPage = Readonly<{ page: Page; violations: string[] }>;

const watchedPage = async (context: BrowserContext): Promise<TWatchedPage> => {
  const violations = await watchCspViolations(context);
  return { page: await context.newPage(), violations };
};

/** Opens `url`, waits for each text to be shown literally, and fails if any payload ran or the CSP had to refuse anything. */
const expectInert = async ({ page, violations }: TWatchedPage, url: string, texts: readonly string[]) => {
  violations.length = 0;
  const dialogs: string[] = [];
  const onDialog = (dialog: { message: () => string; dismiss: () => Promise<void> }) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  };
  page.on("dialog", onDialog);
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  for (const text of texts) await expect(page.getByText(text).first(), `${url} shows ${text.slice(0, 3)}… literally`).toBeVisible();
  // Give late renders (queries, charts, tooltips) a moment to run anything they would.
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), `${url}: a payload ran`).toBeUndefined();
  expect(dialogs, `${url}: a payload opened a dialog`).toEqual([]);
  expect(await page.locator("img[src='x'], svg[onload]").count(), `${url}: payload markup reached the DOM`).toBe(0);
  expect(violations, `${url}: CSP violations`).toEqual([]);
  page.off("dialog", onDialog);
};

const adminPage = async (browser: Browser) => watchedPage(await browser.newContext({ storageState: await admin.session.storageState() }));

test("Atlassian-sourced text (org, user, location, event) and the connector name render as text", async ({ browser }) => {
  const watched = await adminPage(browser);
  await expectInert(watched, "/connectors", [P.connector]);
  await expectInert(watched, `/connectors/${ids.connector}`, [P.connector]);
  await expectInert(watched, `/users?connectorId=${ids.connector}`, [P.user]);
  await expectInert(watched, `/users/${ids.atlassianUser}`, [P.user]);
  await expectInert(watched, `/activities?connectorId=${ids.connector}`, [P.user]);
  await expectInert(watched, "/", []);
  await watched.page.context().close();
});

test("alerts: a payload policy name, user, city and comment render as text", async ({ browser }) => {
  const watched = await adminPage(browser);
  await expectInert(watched, `/alerts?connectorId=${ids.connector}`, [P.user]);
  await expectInert(watched, `/alerts/${ids.alert}`, [P.comment, P.user]);
  await expectInert(watched, "/policies", [P.policy]);
  await expectInert(watched, `/policies/${ids.policy}`, []);
  await watched.page.context().close();
});

test("portal settings: IP range, user, token, notification channel, governance reason and audit log render as text", async ({ browser }) => {
  const watched = await adminPage(browser);
  await expectInert(watched, "/settings/ip-ranges", [P.range]);
  await expectInert(watched, "/settings/users", [P.portalUser]);
  await expectInert(watched, "/settings/tokens", [P.token]);
  await expectInert(watched, "/settings/notifications", [P.channel]);
  await expectInert(watched, `/settings/notifications/${ids.channel}`, [P.channel]);
  await expectInert(watched, "/governance", [P.reason]);
  await expectInert(watched, "/settings/audit-log", []);
  await watched.page.context().close();
});

test("a user whose own name is a payload sees it as text in the app shell", async ({ browser, playwright }) => {
  const { session, response } = await signInWithApi(playwright, ids.portalUserEmail ?? "", USER_PASSWORD);
  expect(response.status()).toBe(200);
  const context = await browser.newContext({ storageState: await session.storageState() });
  const watched = await watchedPage(context);
  await expectInert(watched, "/", [P.portalUser]);
  await expectInert(watched, "/settings/tokens", []);
  await context.close();
  await session.dispose();
});
