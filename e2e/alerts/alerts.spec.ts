import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, postEvents } from "../../lib/testing/sim-org";

test.use({ storageState: ADMIN_STATE });

let sim: TRunningSimulator;
let request: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  request = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
});
test.afterAll(async () => {
  await request.dispose();
  await sim.close();
});

test("a login from a Tor exit raises an explained alert within seconds; the list filters by URL and links to the alert", async ({ page }) => {
  const org = await createSimOrg(sim.baseUrl);
  const created = await request.post("/api/v1/connectors", { data: { name: `Alerts ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl } });
  expect(created.status()).toBe(201);
  const user = org.users[1] as { accountId: string; name: string; email: string };
  const email = user.email;
  await postEvents(sim.baseUrl, org.orgId, [
    {
      id: randomUUID(),
      type: "events",
      attributes: {
        time: new Date().toISOString(),
        action: "user_login",
        actor: { id: user.accountId, name: user.name, email },
        location: { ip: "185.220.101.77", geo: "50.1109,8.6821", countryName: "Germany", city: "Frankfurt am Main" },
      },
      message: { content: "Logged in to account", format: "simple" },
    },
  ]);
  const connectorId = ((await created.json()) as { id: string }).id;
  await request.post(`/api/v1/connectors/${connectorId}/sync`);
  const listed = async () => ((await (await request.get(`/api/v1/alerts?connectorId=${connectorId}&policyKey=anonymous_ip`)).json()) as { data: { id: string; explanation: string }[] }).data;
  await expect.poll(async () => (await listed()).length, { timeout: 60_000 }).toBe(1);
  const [alert] = await listed();
  expect(alert?.explanation).toMatch(/185\.220\.101\.77 tagged tor/);

  // The connector too: simulated orgs share user emails, and the session-proxy specs sign in from Tor IPs as well.
  await page.goto(`/alerts?connectorId=${connectorId}&policyKey=anonymous_ip&user=${encodeURIComponent(email)}`);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const row = page.getByTestId("alert-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Activity from anonymous IP address");
  await expect(row).toContainText("185.220.101.77 tagged tor");
  await page.getByLabel("Severity").selectOption("high");
  await expect(page).toHaveURL(/severity=high/);
  await expect(page.getByText("No alerts match these filters.")).toBeVisible();
  await page.getByLabel("Severity").selectOption("");
  await page.getByRole("link", { name: /Activity from anonymous IP/ }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alert?.id}$`));
  await expect(page.getByTestId("alert-explanation")).toContainText("tagged tor");
});

test("bad alert filters, cursors and ids answer 400 or 404 with a message", async () => {
  for (const query of ["severity=critical", "status=closed", "cursor=%21%21", "from=yesterday", "limit=0", "connectorId=nope"]) {
    const response = await request.get(`/api/v1/alerts?${query}`);
    expect(response.status(), query).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/Invalid query/);
  }
  expect((await request.get("/api/v1/alerts?cursor=bm90LWEtY3Vyc29y")).status()).toBe(400);
  expect((await request.get("/api/v1/alerts/not-a-uuid")).status()).toBe(400);
  expect((await request.get(`/api/v1/alerts/${randomUUID()}`)).status()).toBe(404);
});
