import { expect, test, type APIRequestContext } from "@playwright/test";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { scan, settle } from "../accessibility/axe-scan";
import { connectTriageOrg, type TSimUser } from "../alerts/triage-org";
import { ADMIN, ADMIN_STATE, createTokenWithCli } from "../fixtures/env";

// Investigation priority (issue 25): the worker scores each user from their alerts and unusual activity; the
// user page explains the score, and /users lists the most worrying user first.

type TPriority = { score: number; trend: number[]; contributions: { kind: string; id: string; label: string; points: number }[] };

let sim: TRunningSimulator;
let admin: APIRequestContext;
let org: Awaited<ReturnType<typeof connectTriageOrg>>;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(150_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  org = await connectTriageOrg(sim, admin);
});

test.afterAll(async () => {
  await admin?.dispose();
  await sim?.close();
});

test("the user page explains the score, and /users puts the planted user first", async ({ browser }) => {
  test.setTimeout(90_000);
  // The traveller has two alerts (impossible travel, infrequent country); the four others one anonymous-IP alert each.
  const traveller = org.users[4] as TSimUser;
  const alerts = [await org.alerts.of(traveller, "impossible_travel"), await org.alerts.of(traveller, "infrequent_country")];
  const userRow = async () =>
    ((await (await admin.get(`/api/v1/users?connectorId=${org.connectorId}&q=${encodeURIComponent(traveller.email)}`)).json()) as { data: { id: string }[] }).data[0];
  const userId = (await userRow())?.id ?? "";
  const priorityOf = async () => ((await (await admin.get(`/api/v1/users/${userId}`)).json()) as { priority: TPriority }).priority;
  // The worker's priority loop follows detection within seconds.
  await expect.poll(async () => (await priorityOf()).contributions.filter((c) => c.kind === "alert").map((c) => c.id).sort(), { timeout: 30_000 }).toEqual(alerts.map((a) => a.id).sort());
  const priority = await priorityOf();
  expect(priority.score).toBe(priority.contributions.reduce((s, c) => s + c.points, 0));

  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto(`/users?connectorId=${org.connectorId}`);
  const rows = page.locator('[data-testid^="atlassian-user-row-"]');
  await expect(rows.first()).toHaveAttribute("data-testid", `atlassian-user-row-${traveller.email}`);
  await expect(rows.first().getByTestId("priority-score")).toHaveText(String(priority.score));
  await expect(rows.first().getByRole("img", { name: /^Priority over the last 7 days, oldest first: / })).toHaveAccessibleName(
    `Priority over the last 7 days, oldest first: ${priority.trend.join(", ")}`,
  );

  await rows.first().getByRole("link", { name: traveller.name }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${userId}$`));
  const card = page.getByRole("region", { name: "Investigation priority" }).or(page.locator("section").filter({ has: page.getByRole("heading", { name: "Investigation priority" }) }));
  await expect(card.getByTestId("priority-score")).toHaveText(`${priority.score} points`);
  await expect(card.getByRole("heading", { name: "What raised it" })).toBeVisible();
  const contributions = card.getByTestId("priority-contribution");
  await expect(contributions).toHaveCount(priority.contributions.length);
  for (const alert of alerts) {
    await expect(card.getByRole("link", { name: alert.title })).toHaveAttribute("href", `/alerts/${alert.id}`);
  }
  const points = (await card.getByTestId("priority-points").allTextContents()).map(Number);
  expect(points.reduce((s, p) => s + p, 0)).toBe(priority.score);

  // The dashboard's Top users card ranks by priority on request, from the keyboard too.
  await page.goto("/");
  const byPriority = page.getByRole("group", { name: "Rank top users" }).getByRole("button", { name: "By priority" });
  await byPriority.focus();
  await page.keyboard.press("Enter");
  await expect(byPriority).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("chart-top-users")).toContainText("highest investigation priority");
  await context.close();
});

test("the priority column, card and toggle pass axe and are screenshotted, light and dark", async ({ browser }) => {
  test.setTimeout(90_000);
  const traveller = org.users[4] as TSimUser;
  const userId = ((await (await admin.get(`/api/v1/users?connectorId=${org.connectorId}&q=${encodeURIComponent(traveller.email)}`)).json()) as { data: { id: string }[] }).data[0]?.id;
  const violations: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ storageState: ADMIN_STATE, colorScheme, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`/users?connectorId=${org.connectorId}`);
    await settle(page);
    await page.getByRole("table").screenshot({ path: `test-results/priority-users-${colorScheme}.png` });
    violations.push(...(await scan(page, "/users")));
    await page.goto(`/users/${userId}`);
    await settle(page);
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Investigation priority" }) });
    await expect(card.getByTestId("priority-contribution").first()).toBeVisible();
    await card.screenshot({ path: `test-results/priority-card-${colorScheme}.png` });
    violations.push(...(await scan(page, "/users/[id]")));
    await page.goto("/");
    await settle(page);
    await page.getByRole("button", { name: "By priority" }).press("Enter");
    await settle(page);
    await page.getByTestId("chart-top-users").screenshot({ path: `test-results/priority-top-users-${colorScheme}.png` });
    violations.push(...(await scan(page, "/ (top users by priority)")));
    await context.close();
  }
  expect(violations).toEqual([]);
});
