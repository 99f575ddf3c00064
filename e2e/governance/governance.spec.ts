import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { ADMIN_STATE, createTokenWithCli, expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

let sim: TRunningSimulator | undefined;
let admin: BrowserContext;
let org: Awaited<ReturnType<typeof createSimOrg>>;
let connectorId: string;
const CONNECTOR = `Governance org ${randomUUID().slice(0, 6)}`;
const analystEmail = uniqueEmail("gov-analyst");
const viewerEmail = uniqueEmail("gov-viewer");

type SimUser = { accountId: string; status: string; apiTokenIds: string[]; governanceCalls: { kind: string }[] };
const simUser = async (accountId: string): Promise<SimUser | undefined> =>
  ((await (await fetch(`${sim?.baseUrl}/__sim/orgs/${org.orgId}/users`)).json()) as { users: SimUser[] }).users.find((u) => u.accountId === accountId);

/** The Watchpost id of a synced Atlassian account (for /users/{id}), once the directory sync has stored it. */
const userPageId = async (email: string): Promise<string> => {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await admin.request.get(`/api/v1/users?connectorId=${connectorId}&q=${encodeURIComponent(email)}`)).json()) as { data: { id: string }[] };
        id = list.data[0]?.id;
        return id;
      },
      { timeout: 60_000 },
    )
    .toBeTruthy();
  return id as string;
};

const signedIn = async (browser: Browser, email: string, role: string) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await signInWithForm(page, email, USER_PASSWORD);
  await expectSignedInAs(page, role);
  return page;
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  org = await createSimOrg(sim.baseUrl);
  admin = await browser.newContext({ storageState: ADMIN_STATE });
  const created = await admin.request.post("/api/v1/connectors", { data: { name: CONNECTOR, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  expect(created.status()).toBe(201);
  connectorId = ((await created.json()) as { id: string }).id;
  for (const [email, role] of [
    [analystEmail, "analyst"],
    [viewerEmail, "viewer"],
  ] as const) {
    const user = await admin.request.post("/api/v1/portal-users", { data: { name: `Gov ${role}`, email, password: USER_PASSWORD, role } });
    expect(user.status()).toBe(201);
  }
});

test.afterAll(async () => {
  await admin?.close();
  await sim?.close();
});

test.describe("governance actions", () => {
  test("an analyst suspends a user with the confirmation, sees it succeed in the governance log, and reverts it", async ({ browser }) => {
    const target = org.users[1] as { accountId: string; email: string };
    const id = await userPageId(target.email);
    const page = await signedIn(browser, analystEmail, "analyst");
    await page.goto(`/users/${id}`);
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Governance actions" }) });
    await expect(card.getByText("No governance actions have been taken on this account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unsuspend user" })).toHaveCount(0);

    await page.getByRole("button", { name: "Suspend user", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Suspend user?" });
    await expect(dialog.getByTestId("governance-confirmation")).toContainText(
      `Suspend user: Watchpost will call suspend-access for ${target.email} in ${CONNECTOR}: they lose product access`,
    );
    await dialog.getByLabel("Restore access automatically after (hours)").fill("48");
    await expect(dialog.getByTestId("governance-confirmation")).toContainText("restored automatically (restore-access) after 48 hours");
    await dialog.getByRole("button", { name: "Suspend user" }).click();
    await expect(dialog.getByText("Say why (reason is required)")).toBeVisible();
    await dialog.getByLabel("Reason").fill("Impossible travel London → Sydney, investigating");
    await page.screenshot({ path: "test-results/governance-confirm.png" });
    await dialog.getByRole("button", { name: "Suspend user" }).click();
    await expect(dialog).toHaveCount(0);

    await expect(page.getByText("Suspend user succeeded.").or(page.getByText("Queued: Suspend user."))).toBeVisible();
    const row = page.getByTestId("governance-row").first();
    await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect(row.getByText("Succeeded")).toBeVisible();
    await expect(row.getByText(analystEmail)).toBeVisible();
    await expect(row.getByText(/Restores automatically .* unless confirmed/)).toBeVisible();
    await expect.poll(async () => (await simUser(target.accountId))?.status).toBe("suspended");
    // The account now shows as suspended, so the page offers Unsuspend instead of Suspend.
    await expect(page.getByTestId("user-status")).toContainText("Suspended");
    await expect(page.getByRole("button", { name: "Unsuspend user" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Suspend user", exact: true })).toHaveCount(0);
    await page.screenshot({ path: "test-results/governance-user-page.png", fullPage: true });

    // The governance log page, filtered through the URL; confirm the suspension (no automatic restore), then revert it.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Governance log" }).click();
    await expect(page.getByRole("heading", { name: "Governance log", level: 1 })).toBeVisible();
    await page.getByLabel("Connector", { exact: true }).selectOption({ label: CONNECTOR });
    await expect(page).toHaveURL(new RegExp(`connectorId=${connectorId}`));
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Suspend user" });
    await expect(page).toHaveURL(new RegExp(`connectorId=${connectorId}&action=suspend_user`));
    const logged = page.getByTestId("governance-row").filter({ hasText: target.email });
    await expect(logged).toHaveCount(1);
    await expect(logged.getByText("Succeeded")).toBeVisible();
    await logged.getByRole("button", { name: "Confirm suspension" }).click();
    await page.getByRole("dialog", { name: "Confirm the suspension?" }).getByRole("button", { name: "Confirm suspension" }).click();
    await expect(logged.getByRole("button", { name: "Confirm suspension" })).toHaveCount(0);
    await expect(logged.getByText(/Restores automatically/)).toHaveCount(0);

    await logged.getByRole("button", { name: "Revert" }).click();
    await page.getByRole("dialog", { name: "Revert the suspension?" }).getByRole("button", { name: "Unsuspend user" }).click();
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Unsuspend user" });
    await expect(page).toHaveURL(/action=unsuspend_user/);
    const revert = page.getByTestId("governance-row").filter({ hasText: target.email });
    await expect(revert).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect.poll(async () => (await simUser(target.accountId))?.status).toBe("active");
    await page.screenshot({ path: "test-results/governance-log.png", fullPage: true });
    await page.context().close();
  });

  test("require sign-in again revokes the user's API tokens and says that sessions stay", async ({ browser }) => {
    const target = org.users[2] as { accountId: string; email: string };
    expect((await simUser(target.accountId))?.apiTokenIds.length).toBeGreaterThan(0);
    const page = await signedIn(browser, analystEmail, "analyst");
    await page.goto(`/users/${await userPageId(target.email)}`);
    await page.getByRole("button", { name: "Require user to sign in again" }).click();
    const dialog = page.getByRole("dialog", { name: "Require user to sign in again?" });
    await expect(dialog).toContainText("Atlassian has no public API to end browser sessions");
    await dialog.getByLabel("Reason").fill("Token used from Tor");
    await dialog.getByRole("button", { name: "Require user to sign in again" }).click();
    await expect(page.getByText(/Require user to sign in again succeeded\. Atlassian has no public API to end browser sessions; API tokens were revoked/)).toBeVisible({
      timeout: 20_000,
    });
    await expect.poll(async () => (await simUser(target.accountId))?.apiTokenIds).toEqual([]);
    await page.context().close();
  });

  test("a viewer sees the governance log but no action buttons", async ({ browser }) => {
    const target = org.users[1] as { accountId: string; email: string };
    // Its own log entry, so this test does not depend on the others.
    const queued = await admin.request.post("/api/v1/governance-actions", { data: { action: "unsuspend_user", accountId: target.accountId, connectorId, reason: "Viewer test" } });
    expect(queued.status()).toBe(202);
    const page = await signedIn(browser, viewerEmail, "viewer");
    await page.goto(`/users/${await userPageId(target.email)}`);
    await expect(page.getByRole("heading", { name: "Governance actions" })).toBeVisible();
    await expect(page.getByTestId("governance-row").first()).toBeVisible();
    for (const name of ["Notify user", "Require user to sign in again", "Suspend user", "Unsuspend user", "Revert", "Confirm suspension"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await page.goto(`/governance?connectorId=${connectorId}`);
    await expect(page.getByTestId("governance-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Revert", exact: true })).toHaveCount(0);
    await page.goto("/policies");
    await expect(page.getByTestId("policy-impossible_travel")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Edit actions of/ })).toHaveCount(0);
    await page.context().close();
  });

  test("an admin picks the actions a policy runs on new alerts (built-in and custom)", async () => {
    const page = await admin.newPage();
    await page.goto("/policies");
    const row = page.getByTestId("policy-unusual_impersonation");
    await expect(row.getByTestId("policy-actions")).toHaveText(/None/);
    await page.getByRole("button", { name: "Edit actions of Unusual impersonation" }).click();
    const dialog = page.getByRole("dialog", { name: "Actions of Unusual impersonation" });
    const group = dialog.getByRole("group", { name: "Actions on new alerts" });
    await expect(group.getByRole("checkbox")).toHaveCount(3);
    await group.getByRole("checkbox", { name: "Suspend user" }).check();
    await group.getByRole("checkbox", { name: "Notify user" }).check();
    await dialog.getByRole("button", { name: "Save actions" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row.getByTestId("policy-actions")).toContainText("Notify user, Suspend user");
    await page.reload();
    await expect(row.getByTestId("policy-actions")).toContainText("Notify user, Suspend user");
    const api = (await (await admin.request.get("/api/v1/policies/unusual_impersonation")).json()) as { actions: string[] };
    expect(api.actions.sort()).toEqual(["notify_user", "suspend_user"]);
    // Leave the shared e2e instance as found.
    await page.getByRole("button", { name: "Edit actions of Unusual impersonation" }).click();
    await dialog.getByRole("checkbox", { name: "Suspend user" }).uncheck();
    await dialog.getByRole("checkbox", { name: "Notify user" }).uncheck();
    await dialog.getByRole("button", { name: "Save actions" }).click();
    await expect(row.getByTestId("policy-actions")).toHaveText(/None/);

    await page.goto("/policies/new");
    const fieldset = page.getByRole("group", { name: "Actions on new alerts" });
    for (const name of ["Notify user", "Require user to sign in again", "Suspend user"]) await expect(fieldset.getByRole("checkbox", { name })).not.toBeChecked();
    await page.close();
  });

  test("the API: 202 with the log entry, 400 with a message, 403 for a viewer", async ({ playwright }) => {
    const analyst = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(analystEmail)}` } });
    const viewer = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(viewerEmail)}` } });
    const target = org.users[3] as { accountId: string; email: string };
    const body = { action: "suspend_user", accountId: target.accountId, connectorId, reason: "API test" };

    const forbidden = await viewer.post("/api/v1/governance-actions", { data: body });
    expect(forbidden.status()).toBe(403);
    expect((await forbidden.json()).error.code).toBe("forbidden");
    expect((await viewer.get(`/api/v1/governance-log?connectorId=${connectorId}`)).status()).toBe(200);

    const unknownUser = await analyst.post("/api/v1/governance-actions", { data: { ...body, accountId: "not-in-this-org" } });
    expect(unknownUser.status()).toBe(400);
    expect((await unknownUser.json()).error.message).toMatch(/is not a user of connector/);
    const noReason = await analyst.post("/api/v1/governance-actions", { data: { ...body, reason: "" } });
    expect(noReason.status()).toBe(400);
    expect((await noReason.json()).invalid_params).toEqual([{ name: "reason", reason: "Say why (reason is required)" }]);
    const badAction = await analyst.post("/api/v1/governance-actions", { data: { ...body, action: "delete_user" } });
    expect(badAction.status()).toBe(400);
    expect((await analyst.get("/api/v1/governance-log?cursor=tampered!")).status()).toBe(400);

    const accepted = await analyst.post("/api/v1/governance-actions", { data: body });
    expect(accepted.status()).toBe(202);
    const entry = (await accepted.json()) as { id: string; status: string; triggeredBy: { kind: string } };
    expect(entry).toMatchObject({ status: "pending", triggeredBy: { kind: "person" } });
    await expect
      .poll(async () => {
        const log = (await (await analyst.get(`/api/v1/governance-log?connectorId=${connectorId}&accountId=${target.accountId}`)).json()) as { data: { id: string; status: string }[] };
        return log.data.find((e) => e.id === entry.id)?.status;
      }, { timeout: 20_000 })
      .toBe("succeeded");
    expect((await simUser(target.accountId))?.status).toBe("suspended");
    const notRevertible = await analyst.post(`/api/v1/governance-actions/${entry.id}/confirm`);
    expect(notRevertible.status()).toBe(400);
    expect((await viewer.post(`/api/v1/governance-actions/${entry.id}/revert`)).status()).toBe(403);
    const revert = await analyst.post(`/api/v1/governance-actions/${entry.id}/revert`);
    expect(revert.status()).toBe(202);
    await analyst.dispose();
    await viewer.dispose();
  });
});
