import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { ADMIN_STATE, expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

// A simulator of our own (no rate limits), reached by the e2e server's web and worker processes over loopback.
let sim: TRunningSimulator;
let org: Awaited<ReturnType<typeof createSimOrg>>;
const MEMBER_EVENTS = 50;
const OUTSIDER_EVENTS = 5;
const HTTPS_ONLY = "API base URL must use https (plain http is allowed only to a loopback address such as the simulator)";

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  org = await createSimOrg(sim.baseUrl);
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  const outsiders = org.users.filter((u) => !u.email.endsWith("@acme.test"));
  await postEvents(sim.baseUrl, org.orgId, [...loginEvents(members, MEMBER_EVENTS), ...loginEvents(outsiders, OUTSIDER_EVENTS)]);
});

test.afterAll(async () => {
  await sim?.close();
});

const startWizard = async (page: Page, name: string) => {
  await page.goto("/connectors");
  await page.getByRole("button", { name: "Connect an app" }).click();
  await expect(page).toHaveURL(/\/connectors\/new$/);
  await page.getByRole("button", { name: "Atlassian" }).click();
  await page.getByLabel("Instance name").fill(name);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Organization ID")).toBeVisible();
};

// "API key expiry" under Advanced also contains "API key": match the key field exactly.
const apiKeyField = (page: Page) => page.getByLabel("API key", { exact: true });

const fillCredentials = async (page: Page, values: { orgId: string; apiKey: string; baseUrl: string }) => {
  await page.getByLabel("Organization ID").fill(values.orgId);
  await apiKeyField(page).fill(values.apiKey);
  if (!(await page.getByLabel("API base URL").isVisible())) await page.getByRole("button", { name: "Advanced" }).click();
  await page.getByLabel("API base URL").fill(values.baseUrl);
  // The simulator's events were processed a moment ago, before the connect time: backfill a day to get them.
  await page.getByLabel("History to backfill").selectOption("1");
};

test.describe("connectors", () => {
  test("the wizard reports each bad input precisely, then connects and syncs the org", async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    const name = `Acme ${randomUUID().slice(0, 6)}`;
    const connect = page.getByRole("button", { name: "Connect", exact: true });
    const alert = page.getByRole("alert");

    await page.goto("/connectors");
    await page.getByRole("button", { name: "Connect an app" }).click();
    await page.getByRole("button", { name: "Atlassian" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("Instance name is required")).toBeVisible();
    await page.getByLabel("Instance name").fill(name);
    await page.getByRole("button", { name: "Next" }).click();

    await fillCredentials(page, { orgId: org.orgId, apiKey: "key-that-atlassian-never-issued", baseUrl: sim.baseUrl });
    await connect.click();
    await expect(alert.filter({ hasText: "The API key is invalid, expired or revoked" })).toBeVisible();
    await expect(apiKeyField(page)).toHaveAttribute("aria-invalid", "true");

    await apiKeyField(page).fill(org.apiKey);
    await page.getByLabel("Organization ID").fill(randomUUID());
    await connect.click();
    await expect(alert.filter({ hasText: "Organization not found" })).toBeVisible();

    // Refused by the shared schema before any request is made.
    await page.getByLabel("Organization ID").fill(org.orgId);
    await page.getByLabel("API base URL").fill("http://example.com");
    await connect.click();
    await expect(alert.filter({ hasText: HTTPS_ONLY })).toBeVisible();
    // A name that merely starts with "127." is not a loopback address.
    await page.getByLabel("API base URL").fill("http://127.attacker.example");
    await connect.click();
    await expect(alert.filter({ hasText: HTTPS_ONLY })).toBeVisible();

    // Refused by the server when it connects: a private address, and the simulator's own port over https.
    await page.getByLabel("API base URL").fill("https://10.20.30.40");
    await connect.click();
    await expect(alert.filter({ hasText: "API base URL refused: 10.20.30.40 is a private address" })).toBeVisible();
    await expect(page.getByLabel("API base URL")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("API base URL").fill(sim.baseUrl.replace("http://127.0.0.1", "https://[::ffff:127.0.0.1]"));
    await connect.click();
    await expect(alert.filter({ hasText: "is a loopback address" })).toBeVisible();

    await page.getByLabel("API base URL").fill(sim.baseUrl);
    await connect.click();
    await expect(page).toHaveURL(/\/connectors\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    // The worker picks the connector up within seconds; the page polls.
    await expect(page.getByText("Connected", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("stat-activities-stored")).toHaveText(String(MEMBER_EVENTS), { timeout: 30_000 });
    await expect(page.getByTestId("stat-dropped")).toHaveText(String(OUTSIDER_EVENTS));
    await expect(page.getByTestId("api-key-last4")).toHaveText(`…${org.apiKey.slice(-4)}`);
    const detailUrl = page.url();

    // The list shows it too.
    await page.goto("/connectors");
    const row = page.getByTestId(`connector-row-${name}`);
    await expect(row.getByRole("link", { name })).toBeVisible();
    await expect(row.getByText("Connected", { exact: true })).toBeVisible();

    // Same name again: the wizard goes back to the name, with the server's message.
    await startWizard(page, name);
    await fillCredentials(page, { orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl });
    await connect.click();
    await expect(alert.filter({ hasText: `A connector named "${name}" already exists` })).toBeVisible();
    await expect(page.getByLabel("Instance name")).toHaveAttribute("aria-invalid", "true");
    // A new name, same org: the values entered are kept, and the org is refused as already connected.
    await page.getByLabel("Instance name").fill(`${name} bis`);
    await page.getByRole("button", { name: "Next" }).click();
    await connect.click();
    await expect(alert.filter({ hasText: `This organization is already connected as "${name}"` })).toBeVisible();

    // Rotate: a wrong key is refused; the right one is verified and swapped in.
    await page.goto(detailUrl);
    await page.getByRole("button", { name: "Rotate API key" }).click();
    await apiKeyField(page).fill("another-key-never-issued");
    await page.getByRole("button", { name: "Rotate API key" }).click();
    await expect(alert.filter({ hasText: "The API key is invalid, expired or revoked" })).toBeVisible();
    await apiKeyField(page).fill(org.apiKey);
    await page.getByRole("button", { name: "Rotate API key" }).click();
    await expect(page.getByText(/Key rotated: now using the key ending in/)).toBeVisible();

    // Delete, after a confirmation that says what goes with it and asks for the instance name typed out.
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${name}”?` });
    await expect(dialog.getByText(`${MEMBER_EVENTS} stored activities`)).toBeVisible();
    const confirm = dialog.getByRole("button", { name: "Delete connector" });
    await expect(confirm).toBeDisabled();
    const nameField = dialog.getByLabel(`Type “${name}” to confirm`);
    await nameField.fill(name.slice(0, -1));
    await expect(confirm).toBeDisabled();
    await nameField.fill(name);
    await confirm.click();
    await expect(page).toHaveURL(/\/connectors$/);
    await expect(page.getByTestId(`connector-row-${name}`)).toHaveCount(0);

    // The portal audit log says who deleted it, from where, and how much went with it.
    await page.goto("/settings/audit-log?action=connector.deleted");
    const auditRow = page.getByRole("row").filter({ hasText: name });
    await expect(auditRow).toContainText("connector.deleted");
    await expect(auditRow).toContainText(`activitiesDeleted=${MEMBER_EVENTS}`);
    await expect(auditRow).toContainText("alertsDeleted=");
    await expect(auditRow).toContainText("governanceActionsDeleted=0");
    await context.close();
  });

  test("a viewer sees connectors and their status, but no admin actions", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const other = await createSimOrg(sim.baseUrl);
    const name = `Viewer check ${randomUUID().slice(0, 6)}`;
    const created = await admin.request.post("/api/v1/connectors", { data: { name, orgId: other.orgId, apiKey: other.apiKey, baseUrl: sim.baseUrl } });
    expect(created.status()).toBe(201);
    const connector = (await created.json()) as { id: string };
    const email = uniqueEmail("connector-viewer");
    const user = await admin.request.post("/api/v1/portal-users", { data: { name: "Connector Viewer", email, password: USER_PASSWORD, role: "viewer" } });
    expect(user.status()).toBe(201);

    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
    const page = await context.newPage();
    await signInWithForm(page, email, USER_PASSWORD);
    await expectSignedInAs(page, "viewer");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" }).click();
    await expect(page.getByRole("heading", { name: "Connectors", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect an app" })).toHaveCount(0);
    expect((await page.goto("/connectors/new"))?.status()).toBe(403);

    await page.goto(`/connectors/${connector.id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId("stat-activities-stored")).toBeVisible();
    for (const action of ["Rotate API key", "Sync now", "Disable", "Enable", "Delete"]) {
      await expect(page.getByRole("button", { name: action, exact: true })).toHaveCount(0);
    }
    expect((await page.goto("/connectors/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
    expect((await page.goto("/connectors/not-a-connector"))?.status()).toBe(404);

    expect((await admin.request.delete(`/api/v1/connectors/${connector.id}`)).status()).toBe(200);
    await context.close();
    await admin.close();
  });
});
