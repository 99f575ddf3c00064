import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createPortalUser, signInAs, type TPortalUser } from "../alerts/triage-org";
import { connectIncidentOrg } from "./incident-org";

// Incidents in the browser (issue 25 §1): ranking, the incident page, the alert page's link, URL filters, bulk assign,
// resolving an incident (and so its alerts), the viewer's read-only view, the admin's grouping window, the dashboard card.
// Every list is filtered by this spec's own connector: other specs' incidents share the e2e server.

test.describe.configure({ mode: "serial" });

let sim: TRunningSimulator;
let admin: APIRequestContext;
let org: Awaited<ReturnType<typeof connectIncidentOrg>>;
let analyst: TPortalUser;
let viewer: TPortalUser;
let analystPage: Page;

const queue = (query = "") => `/incidents?connectorId=${org.connectorId}${query ? `&${query}` : ""}`;
const rows = (page: Page) => page.getByTestId("incident-row");
const suspectIncident = async () => {
  const [incident] = await org.incidents.list(`user=${org.suspect.accountId}`);
  if (!incident) throw new Error("no incident for the suspect");
  return incident;
};

test.beforeAll(async ({ playwright, browser }) => {
  test.setTimeout(150_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  org = await connectIncidentOrg(sim, admin);
  analyst = await createPortalUser(admin, "analyst");
  viewer = await createPortalUser(admin, "viewer");
  analystPage = await signInAs(browser, analyst, "analyst");
});

test.afterAll(async () => {
  await analystPage?.context().close();
  await admin?.dispose();
  await sim?.close();
});

test("a user with three alerts in an hour appears as one incident, ranked first", async () => {
  const page = analystPage;
  await page.goto(queue());
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(rows(page)).toHaveCount(4);
  // Priority is the default sort: three policies raise the suspect's medium alerts to a high incident.
  const first = rows(page).first();
  await expect(first).toContainText(org.suspect.name);
  await expect(first.getByTestId("incident-row-severity")).toHaveText("High");
  await expect(first.getByTestId("incident-row-alerts")).toContainText("3 alerts · 3 policies");
  for (const name of ["Multiple failed login attempts", "Impossible travel", "Activity from infrequent country"]) await expect(first.getByTestId("incident-row-alerts")).toContainText(name);
  for (const row of await rows(page).all()) await expect(row.getByTestId("incident-row-status")).toHaveText("Open");
  await expect(rows(page).filter({ hasText: "1 alert · 1 policy" })).toHaveCount(3);
  await expect(page.getByTestId("status-tab-open")).toContainText("4");

  await first.getByRole("link", { name: org.suspect.name }).click();
  const incident = await suspectIncident();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incident.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Incident: ${org.suspect.name}`);
  await expect(page.getByTestId("incident-severity")).toHaveText("High");
  await expect(page.getByTestId("incident-status")).toHaveText("Open");
  await expect(page.getByTestId("incident-alert-count")).toContainText("3 alerts · 3 policies");
  // The user link leads to the account's own page.
  await expect(page.getByTestId("incident-user-link")).toHaveAttribute("href", /^\/users\/[0-9a-f-]{36}$/);
  const alerts = await org.alerts.list(`user=${org.suspect.accountId}`);
  const alertRows = page.getByTestId("incident-alert-row");
  await expect(alertRows).toHaveCount(3);
  for (const alert of alerts) await expect(page.getByRole("link", { name: alert.title })).toHaveAttribute("href", `/alerts/${alert.id}`);
  // The merged timeline: the 8 failed logins and the London and Sydney logins behind the three alerts.
  await expect(page.getByTestId("incident-timeline-item").filter({ hasText: "Sydney" })).not.toHaveCount(0);
  expect(await page.getByTestId("incident-timeline-item").count()).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId("alert-history-item").first()).toBeVisible();
});

test("the alert page links its incident", async () => {
  const page = analystPage;
  const alert = await org.alerts.of(org.others[0]);
  await page.goto(`/alerts/${alert.id}`);
  const link = page.getByTestId("alert-incident").getByRole("link");
  await expect(link).toHaveText("Incident of 1 alert");
  await link.click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("incident-alert-row")).toHaveCount(1);
  await expect(page.getByTestId("incident-alert-row").getByRole("link")).toHaveText(alert.title);
  // The suspect's alerts name their incident of three.
  const [travel] = await org.alerts.list(`user=${org.suspect.accountId}&policyKey=impossible_travel`);
  await page.goto(`/alerts/${travel?.id ?? ""}`);
  await expect(page.getByTestId("alert-incident").getByRole("link")).toHaveText("Incident of 3 alerts");
  await expect(page.getByTestId("alert-incident").getByRole("link")).toHaveAttribute("href", `/incidents/${(await suspectIncident()).id}`);
});

test("filters, sort and status tab live in the URL and survive a reload", async () => {
  const page = analystPage;
  await page.goto(queue());
  await expect(rows(page)).toHaveCount(4);
  await page.getByLabel("Severity").selectOption("high");
  await expect(page).toHaveURL(/severity=high/);
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel("Sort").selectOption("newest");
  await expect(page).toHaveURL(/sort=newest/);
  await page.getByLabel("Policy").selectOption("impossible_travel");
  await expect(page).toHaveURL(/policyKey=impossible_travel/);
  await page.reload();
  await expect(page.getByLabel("Severity")).toHaveValue("high");
  await expect(page.getByLabel("Sort")).toHaveValue("newest");
  await expect(page.getByLabel("Policy")).toHaveValue("impossible_travel");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(org.suspect.name);

  await page.getByTestId("status-tab-resolved").click();
  await expect(page).toHaveURL(/status=resolved/);
  await expect(page.getByText("No incidents match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/severity=|policyKey=|connectorId=/);
  await expect(page).toHaveURL(/status=resolved&sort=newest|sort=newest.*status=resolved|status=resolved.*sort=newest/);

  // The user box applies on Enter.
  await page.goto(queue());
  await page.getByRole("searchbox", { name: "User" }).fill(org.others[1].accountId);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`user=${org.others[1].accountId}`));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(org.others[1].name);
});

test("an analyst assigns two incidents at once", async () => {
  const page = analystPage;
  await page.goto(queue("policyKey=anonymous_ip"));
  await expect(rows(page)).toHaveCount(3);
  const [a, b] = org.others;
  const rowOf = (name: string) => rows(page).filter({ hasText: name });
  await rowOf(a.name).getByRole("checkbox").check();
  await rowOf(b.name).getByRole("checkbox").check();
  const bar = page.getByRole("group", { name: "Bulk actions" });
  await expect(bar).toContainText("2 incidents selected");
  await bar.getByLabel("Assign to").selectOption({ label: `${analyst.name} (${analyst.email})` });
  await bar.getByRole("button", { name: "Apply to 2 incidents" }).click();
  await expect(page.getByText("Updated 2 incidents.")).toBeVisible();
  await expect(rowOf(a.name).getByTestId("incident-row-assignee")).toHaveText(analyst.name);
  await expect(rowOf(b.name).getByTestId("incident-row-assignee")).toHaveText(analyst.name);
  await expect(rows(page).filter({ hasText: "Unassigned" })).toHaveCount(1);
  const assigned = (await org.incidents.list(`assignee=${analyst.id}`)).map((i) => i.user.accountId).sort();
  expect(assigned).toEqual([a.accountId, b.accountId].sort());
  // Selection is cleared after the change; "Select all" selects every listed row.
  await expect(bar).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Select all" }).check();
  await expect(page.getByRole("group", { name: "Bulk actions" })).toContainText("3 incidents selected");
});

test("the dashboard shows open incidents, the most worrying first", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/");
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Open incidents" }) });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("open-incidents-high")).not.toHaveText("0");
  await expect(card.getByTestId("open-incident")).not.toHaveCount(0);
  await expect(card.getByTestId("open-incident").first()).toContainText("High");
  await card.getByRole("link", { name: "All incidents" }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await context.close();
});

test("resolving the incident resolves its alerts, with its classification", async () => {
  const page = analystPage;
  const incident = await suspectIncident();
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole("group", { name: "Status actions" }).getByRole("button")).toHaveText(["Start investigating", "Resolve", "Dismiss"]);
  await page.getByRole("group", { name: "Status actions" }).getByRole("button", { name: "Resolve" }).click();
  const dialog = page.getByRole("dialog", { name: "Resolve this incident" });
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(dialog.getByText("Resolving needs a classification")).toBeVisible();
  await dialog.getByLabel("Classification").selectOption({ label: "True positive" });
  await dialog.getByLabel("Reason").fill("Credential stuffing, then a login from Sydney: password reset with the user (SEC-77).");
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(page.getByTestId("incident-classification")).toContainText("True positive");
  await expect(page.getByTestId("incident-resolution-reason")).toContainText("SEC-77");
  await expect(page.getByTestId("incident-alert-status")).toHaveText(["Resolved", "Resolved", "Resolved"]);
  await expect(page.getByTestId("alert-history-item").filter({ hasText: "Changed the status from Open to Resolved" })).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Status actions" }).getByRole("button")).toHaveText(["Reopen"]);

  // Each alert shows Resolved with the incident's classification and reason.
  const alerts = await org.alerts.list(`user=${org.suspect.accountId}`);
  expect(alerts).toHaveLength(3);
  for (const alert of alerts) {
    await page.goto(`/alerts/${alert.id}`);
    await expect(page.getByTestId("alert-status")).toHaveText("Resolved");
    await expect(page.getByTestId("alert-classification")).toContainText("True positive");
    await expect(page.getByTestId("alert-resolution-reason")).toContainText("SEC-77");
  }
  // The queue's Resolved tab holds it now.
  await page.goto(queue("status=resolved"));
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(org.suspect.name);
});

test("a viewer reads the queue and an incident without controls; only admins see the grouping window", async ({ browser }) => {
  const page = await signInAs(browser, viewer, "viewer");
  await page.goto(queue());
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Grouping settings" })).toHaveCount(0);
  await rows(page).first().getByRole("link").click();
  await expect(page.getByTestId("incident-status")).toBeVisible();
  await expect(page.getByTestId("incident-assignee")).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await page.context().close();
  await analystPage.goto(queue());
  await expect(analystPage.getByRole("button", { name: "Grouping settings" })).toHaveCount(0);
});

test("an admin sees and edits the grouping window; bad values are refused on the field", async ({ browser }) => {
  const current = ((await (await admin.get("/api/v1/incidents/settings")).json()) as { windowHours: number }).windowHours;
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/incidents");
  await page.getByRole("button", { name: "Grouping settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Incident grouping" });
  const field = dialog.getByLabel("Grouping window (hours)");
  await expect(field).toHaveValue(String(current));
  await field.fill("0");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("windowHours must be at least 1")).toBeVisible();
  // Saved as it was: the window applies to every connector of the shared e2e server.
  await field.fill(String(current));
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  expect(((await (await admin.get("/api/v1/incidents/settings")).json()) as { windowHours: number }).windowHours).toBe(current);
  await context.close();
});
