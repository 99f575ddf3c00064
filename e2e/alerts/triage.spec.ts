import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { connectTriageOrg, createPortalUser, signInAs, SYDNEY, TOR, type TPortalUser, type TSimUser } from "./triage-org";

// Alert triage in the browser (issue 7): an analyst assigns, comments and resolves; suspends the alert's user
// from the alert page; a viewer reads without controls; bulk status changes; egress; screenshots of both pages.

test.describe.configure({ mode: "serial" });

let sim: TRunningSimulator;
let admin: APIRequestContext;
let org: Awaited<ReturnType<typeof connectTriageOrg>>;
let analyst: TPortalUser;
let viewer: TPortalUser;

const user = (n: number) => org.users[n] as TSimUser;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  org = await connectTriageOrg(sim, admin);
  analyst = await createPortalUser(admin, "analyst");
  viewer = await createPortalUser(admin, "viewer");
});

test.afterAll(async () => {
  await admin?.dispose();
  await sim?.close();
});

test("an analyst assigns, comments and resolves an alert as false positive; the history and the status filter show it", async ({ browser }) => {
  const alert = await org.alerts.of(user(0));
  const page = await signInAs(browser, analyst, "analyst");
  await page.goto(`/alerts?connectorId=${org.connectorId}&policyKey=anonymous_ip`);
  await expect(page.getByTestId("alert-row")).toHaveCount(4);
  await page.getByRole("link", { name: alert.title }).click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alert.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(alert.title);
  const history = page.getByTestId("alert-history-item");
  await expect(history.filter({ hasText: "Raised the alert" })).toHaveCount(1);
  // Only the transitions allowed from Open.
  await expect(page.getByRole("group", { name: "Status actions" }).getByRole("button")).toHaveText(["Start investigating", "Resolve", "Dismiss"]);

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByLabel("Assignee")).toHaveValue(analyst.id);
  await expect(history.filter({ hasText: `Assigned the alert to ${analyst.name}` })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  await page.getByRole("textbox", { name: "Comment" }).fill("Asked the user: Tor Browser for threat research.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("alert-comment")).toHaveCount(1);
  await expect(page.getByTestId("alert-comment")).toContainText(analyst.name);
  await expect(page.getByTestId("alert-comment")).toContainText("Tor Browser for threat research");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await expect(history.filter({ hasText: "Commented: “Asked the user" })).toHaveCount(1);

  await page.getByRole("button", { name: "Resolve" }).click();
  const dialog = page.getByRole("dialog", { name: "Resolve this alert" });
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(dialog.getByText("Resolving needs a classification")).toBeVisible();
  await expect(dialog.getByText("Resolving or dismissing needs a reason")).toBeVisible();
  await dialog.getByLabel("Classification").selectOption({ label: "False positive" });
  await dialog.getByLabel("Reason").fill("Approved research use of Tor (ticket SEC-42).");
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("alert-status")).toHaveText("Resolved");
  await expect(page.getByTestId("alert-classification")).toContainText("False positive");
  await expect(page.getByTestId("alert-resolution-reason")).toHaveText("Approved research use of Tor (ticket SEC-42).");
  await expect(history.filter({ hasText: "Changed the status from Open to Resolved. Reason: Approved research use of Tor" })).toHaveCount(1);
  await expect(history.filter({ hasText: "Classified the alert as False positive" })).toHaveCount(1);
  for (const item of await history.all()) await expect(item).toContainText(/Watchpost|Triage Analyst/);
  await expect(page.getByRole("group", { name: "Status actions" }).getByRole("button")).toHaveText(["Reopen"]);

  // The list's status tab is in the URL and survives a reload.
  await page.goto(`/alerts?connectorId=${org.connectorId}`);
  await expect(page.getByTestId("status-tab-resolved")).toContainText("1");
  await page.getByTestId("status-tab-resolved").click();
  await expect(page).toHaveURL(/status=resolved/);
  await page.reload();
  await expect(page.getByTestId("status-tab-resolved")).toHaveAttribute("aria-current", "page");
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(alert.title);
  await expect(rows.first().getByTestId("alert-row-status")).toHaveText("Resolved");
  await expect(rows.first().getByTestId("alert-row-assignee")).toHaveText(analyst.name);
  await page.getByTestId("status-tab-open").click();
  await expect(page).toHaveURL(/status=open/);
  await expect(page.getByTestId("alert-row").filter({ hasText: "Activity from anonymous IP" })).toHaveCount(3);
  await expect(page.getByTestId("alert-row").filter({ hasText: alert.title })).toHaveCount(0);
  await page.getByLabel("Assignee").selectOption({ label: "Assigned to me" });
  await expect(page).toHaveURL(/assignee=me/);
  await expect(page.getByText("No alerts match these filters.")).toBeVisible();
  await page.context().close();
});

test("an analyst suspends the alert's user from the alert page; the governance log entry succeeds", async ({ browser }) => {
  const target = user(1);
  const alert = await org.alerts.of(target);
  const page = await signInAs(browser, analyst, "analyst");
  await page.goto(`/alerts/${alert.id}`);
  await page.getByRole("button", { name: "Suspend user" }).click();
  const dialog = page.getByRole("dialog", { name: "Suspend user?" });
  await expect(dialog.getByTestId("governance-confirmation")).toContainText(`suspend-access for ${target.email}`);
  await dialog.getByLabel("Reason").fill("Tor login without an approved exception.");
  await dialog.getByRole("button", { name: "Suspend user" }).click();
  await expect(dialog).toHaveCount(0);
  const entry = page.getByTestId("alert-governance-entry").filter({ hasText: "Suspend user" });
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(entry).toContainText("Succeeded");
  await expect(entry).toContainText(analyst.email);
  await expect(page.getByTestId("alert-history-item").filter({ hasText: "Requested the governance action “Suspend user”" })).toHaveCount(1);
  const simUsers = ((await (await fetch(`${sim.baseUrl}/__sim/orgs/${org.orgId}/users`)).json()) as { users: { accountId: string; status: string }[] }).users;
  expect(simUsers.find((u) => u.accountId === target.accountId)?.status).toBe("suspended");
  await page.context().close();
});

test("a viewer reads the alert page and the list but gets no action buttons or forms", async ({ browser }) => {
  const alert = await org.alerts.of(user(0));
  const page = await signInAs(browser, viewer, "viewer");
  await page.goto(`/alerts/${alert.id}`);
  await expect(page.getByTestId("alert-explanation")).toContainText(`${TOR.ip} tagged tor`);
  await expect(page.getByTestId("alert-comment")).toContainText("Tor Browser for threat research");
  await expect(page.getByTestId("alert-history-item").filter({ hasText: "Classified the alert as False positive" })).toHaveCount(1);
  await expect(page.getByTestId("alert-assignee")).toContainText(analyst.name);
  await expect(page.getByRole("heading", { name: "Governance", exact: true })).toBeVisible();
  await expect(page.getByTestId("alert-governance-entry").filter({ hasText: "Suspend user" })).toHaveCount(0);
  const main = page.getByRole("main");
  for (const name of ["Assign to me", "Start investigating", "Resolve", "Dismiss", "Reopen", "Add comment", "Notify user", "Require user to sign in again", "Suspend user", "This is our egress"]) {
    await expect(main.getByRole("button", { name }), name).toHaveCount(0);
  }
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await expect(main.getByRole("combobox")).toHaveCount(0);
  // The API refuses a viewer's change too.
  expect((await page.request.patch(`/api/v1/alerts/${alert.id}`, { data: { status: "open" }, headers: { origin: new URL(page.url()).origin } })).status()).toBe(403);

  await page.goto(`/alerts?connectorId=${org.connectorId}`);
  await expect(page.getByTestId("alert-row").first()).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Bulk actions" })).toHaveCount(0);
  await page.context().close();
});

test("bulk: an analyst selects two alerts and sets them In progress", async ({ browser }) => {
  const [third, fourth] = [await org.alerts.of(user(2)), await org.alerts.of(user(3))];
  const page = await signInAs(browser, analyst, "analyst");
  await page.goto(`/alerts?connectorId=${org.connectorId}&policyKey=anonymous_ip&status=open`);
  await expect(page.getByTestId("alert-row")).toHaveCount(3);
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await expect(page.getByRole("group", { name: "Bulk actions" })).toContainText("3 alerts selected");
  await page.getByRole("checkbox", { name: "Select all" }).uncheck();
  await expect(page.getByRole("group", { name: "Bulk actions" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: `Select alert ${third.title}` }).check();
  await page.getByRole("checkbox", { name: `Select alert ${fourth.title}` }).check();
  const bar = page.getByRole("group", { name: "Bulk actions" });
  await expect(bar).toContainText("2 alerts selected");
  await bar.getByLabel("Change status").selectOption({ label: "In progress" });
  await bar.getByRole("button", { name: "Apply to 2 alerts" }).click();
  await expect(page.getByText("Updated 2 alerts.")).toBeVisible();
  // They leave the Open tab and appear under In progress.
  await expect(page.getByTestId("alert-row")).toHaveCount(1);
  await page.getByTestId("status-tab-in_progress").click();
  await expect(page).toHaveURL(/status=in_progress/);
  const rows = page.getByTestId("alert-row");
  await expect(rows).toHaveCount(2);
  for (const alert of [third, fourth]) await expect(rows.filter({ hasText: alert.title }).getByTestId("alert-row-status")).toHaveText("In progress");
  for (const alert of [third, fourth]) {
    const detail = (await (await admin.get(`/api/v1/alerts/${alert.id}`)).json()) as { status: string; history: { kind: string; actor: { email: string | null } | null }[] };
    expect(detail.status).toBe("in_progress");
    expect(detail.history.find((h) => h.kind === "status_changed")?.actor?.email).toBe(analyst.email);
  }
  await page.context().close();
});

test("screenshots of the list and of an impossible-travel alert, light and dark", async ({ browser }) => {
  const travel = await org.alerts.of(user(4), "impossible_travel");
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ storageState: ADMIN_STATE, colorScheme, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    let started = Date.now();
    await page.goto(`/alerts?connectorId=${org.connectorId}`);
    await expect(page.getByTestId("alert-row").filter({ hasText: travel.title })).toBeVisible();
    const listMs = Date.now() - started;
    await page.getByRole("checkbox", { name: `Select alert ${travel.title}` }).check();
    await page.screenshot({ path: `test-results/triage-list-${colorScheme}.png`, fullPage: true });
    await page.getByRole("table").screenshot({ path: `test-results/triage-list-table-${colorScheme}.png` });
    started = Date.now();
    await page.goto(`/alerts/${travel.id}`);
    await expect(page.getByRole("row").filter({ hasText: "Sydney" })).toBeVisible();
    // Page timings for docs/benchmarks.md: navigation until the rows are on screen (production build).
    test.info().annotations.push({ type: "timing", description: `${colorScheme}: list ${listMs} ms, alert page with its activities ${Date.now() - started} ms` });
    await expect(page.getByTestId("travel-from")).toContainText("London");
    await expect(page.getByTestId("travel-to")).toContainText("Sydney");
    await expect(page.getByTestId("travel-speed")).toContainText("km/h");
    await expect(page.getByTestId("alert-user-status")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Sydney" })).toHaveCount(1);
    await page.screenshot({ path: `test-results/triage-alert-${colorScheme}.png`, fullPage: true });
    await page.getByRole("figure", { name: "Travel" }).screenshot({ path: `test-results/triage-travel-${colorScheme}.png` });
    if (colorScheme === "light") {
      await page.getByRole("button", { name: "This is our egress" }).click();
      const dialog = page.getByRole("dialog", { name: "This is our egress" });
      await expect(dialog.getByRole("list", { name: "This alert's IP addresses" })).toContainText(SYDNEY.ip);
      await page.screenshot({ path: "test-results/triage-egress-dialog.png" });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      // After triage: the resolved alert (history, comment, classification) and the suspended user's alert (governance log).
      for (const [name, u] of [["resolved", user(0)], ["suspended", user(1)]] as const) {
        await page.goto(`/alerts/${(await org.alerts.of(u)).id}`);
        await expect(page.getByTestId("alert-history-item").nth(1)).toBeVisible();
        await page.screenshot({ path: `test-results/triage-alert-${name}.png`, fullPage: true });
      }
      // A phone-sized window: nothing may overflow the page sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [name, url] of [["list", `/alerts?connectorId=${org.connectorId}`], ["alert", `/alerts/${travel.id}`]] as const) {
        await page.goto(url);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByTestId(name === "list" ? "alert-row" : "travel-to").first()).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} fits a phone`).toBe(true);
        await page.screenshot({ path: `test-results/triage-${name}-phone.png`, fullPage: true });
      }
    }
    await context.close();
  }
});

test("\"This is our egress\" turns the travel alert's IPs into a VPN range and dismisses the alerts inside it", async ({ browser }) => {
  const travel = await org.alerts.of(user(4), "impossible_travel");
  const page = await signInAs(browser, analyst, "analyst");
  await page.goto(`/alerts/${travel.id}`);
  await page.getByRole("button", { name: "This is our egress" }).click();
  const dialog = page.getByRole("dialog", { name: "This is our egress" });
  await dialog.getByRole("button", { name: "Mark as egress" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  const name = `Travel VPN ${randomUUID().slice(0, 6)}`;
  await dialog.getByLabel("Range name").fill(name);
  await dialog.getByLabel("Category").selectOption({ label: "VPN" });
  await dialog.getByRole("button", { name: "Mark as egress" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: `VPN range “${name}”` })).toContainText(/\d+ alerts? (was|were) re-evaluated and dismissed/);
  await expect(page.getByTestId("alert-status")).toHaveText("Dismissed");
  await expect(page.getByTestId("alert-classification")).toContainText("Benign true positive");
  await expect(page.getByTestId("alert-history-item").filter({ hasText: `Marked the alert's IPs as our egress: VPN range “${name}”` })).toHaveCount(1);
  // Leave no range behind for the other specs (1.120.45.0/24 and 81.2.69.0/24).
  const ranges = ((await (await admin.get("/api/v1/ip-ranges")).json()) as { data: { id: string; name: string }[] }).data;
  const range = ranges.find((r) => r.name === name);
  expect(range).toBeTruthy();
  expect((await admin.delete(`/api/v1/ip-ranges/${range?.id}`)).status()).toBeLessThan(300);
  await page.context().close();
});

test("bulk: dismissing asks for a reason first, and the assignee changes with the status", async ({ browser }) => {
  const page = await signInAs(browser, analyst, "analyst");
  await page.goto(`/alerts?connectorId=${org.connectorId}&status=in_progress`);
  await expect(page.getByTestId("alert-row")).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select all" }).check();
  const bar = page.getByRole("group", { name: "Bulk actions" });
  await bar.getByLabel("Change status").selectOption({ label: "Dismissed" });
  await bar.getByLabel("Assign to").selectOption({ label: `${analyst.name} (${analyst.email})` });
  await bar.getByRole("button", { name: "Apply to 2 alerts" }).click();
  const dialog = page.getByRole("dialog", { name: "Dismiss 2 alerts" });
  await expect(dialog.getByLabel("Classification")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Dismiss" }).click();
  await expect(dialog.getByText("Resolving or dismissing needs a reason")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Red-team exercise from the Tor network, announced in advance.");
  await dialog.getByRole("button", { name: "Dismiss" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Updated 2 alerts.")).toBeVisible();
  await expect(page.getByText("No alerts match these filters.")).toBeVisible();
  await page.getByTestId("status-tab-dismissed").click();
  // The two Tor alerts, beside the travel and country alerts the egress test dismissed.
  const rows = page.getByTestId("alert-row").filter({ hasText: "Activity from anonymous IP" });
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId("alert-row-assignee")).toHaveText([analyst.name, analyst.name]);
  await page.context().close();
});
