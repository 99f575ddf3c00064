import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { ADMIN_STATE } from "../fixtures/env";
import { connectScenarioOrg } from "./scenario-org";

let sim: TRunningSimulator | undefined;
let context: BrowserContext;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  context = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1400, height: 1800 } });
  ({ sim } = await connectScenarioOrg(context.request, `Dashboard org ${randomUUID().slice(0, 6)}`));
});

test.afterAll(async () => {
  await context?.close();
  await sim?.close();
});

test.describe("dashboard", () => {
  test("renders KPIs and every chart with data, and the range selector lives in the URL", async () => {
    test.setTimeout(120_000);
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");

    for (const title of ["Activities over time", "Failed logins over time", "Top users", "Top countries"]) {
      const figure = page.getByRole("figure", { name: title });
      await expect(figure).toBeVisible();
      // Bars drawn (Recharts paths), not the empty-state sentence.
      await expect(figure.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle").first()).toBeVisible();
    }
    await expect(page.getByRole("figure", { name: "Alerts by policy" })).toBeVisible();
    await expect(page.getByTestId("kpi-activities")).not.toHaveText("0");
    // The posture job evaluates the demo org after its first directory sync.
    await expect(page.getByTestId("kpi-secure-score")).toHaveText(/\d+(\.\d)?%/, { timeout: 60_000 });
    await expect(page.getByRole("figure", { name: "Activities over time" }).locator(".recharts-legend-item-text").filter({ hasText: "Jira" })).toBeVisible();
    await expect(page.getByText("Database", { exact: true })).toBeVisible();
    await page.screenshot({ path: "test-results/dashboard-7d.png", fullPage: true });

    await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "30d" }).click();
    await expect(page).toHaveURL(/[?&]range=30d/);
    await expect(page.getByRole("button", { name: "30d" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("figure", { name: "Activities over time" }).getByText(/per UTC day/)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "30d" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "24h" }).click();
    await expect(page).toHaveURL(/[?&]range=24h/);
    await expect(page.getByRole("figure", { name: "Activities over time" }).getByText(/per hour/)).toBeVisible();
    await page.screenshot({ path: "test-results/dashboard-24h.png", fullPage: true });

    // A top user's bar opens that user's page.
    await page.getByRole("button", { name: "90d" }).click();
    await expect(page.getByRole("figure", { name: "Activities over time" }).getByText(/last 90 days/)).toBeVisible();
    await page.getByRole("figure", { name: "Top users" }).locator(".recharts-bar-rectangle").first().click();
    await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
    await page.close();
  });

  test("the connector health card shows the processing lag health reports", async () => {
    const page = await context.newPage();
    await page.goto("/?range=24h");
    const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "Connector health", level: 2 }) });
    const figures = { "lag-detection": "activity", "lag-governance": "action", "lag-notifications": "delivery" };
    for (const [testId, what] of Object.entries(figures)) {
      await expect(card.getByTestId(testId)).toHaveText(new RegExp(`^(none pending|oldest ${what} waiting \\d+ (s|min))$`));
    }
    // The scenario org is synced: detection catches up within seconds (the dashboard refreshes every 30 s).
    await expect.poll(async () => (await (await context.request.get("/api/v1/dashboard?range=24h")).json()).processingLag.detectionSeconds, { timeout: 30_000 }).toBe(0);
    const health = await (await context.request.get("/api/v1/health")).json();
    expect(health.lag).toMatchObject({ limitSeconds: 60, detectionSeconds: expect.any(Number), governanceSeconds: expect.any(Number), notificationSeconds: expect.any(Number) });
    await page.reload();
    await expect(card.getByTestId("lag-detection")).toHaveText(/^(none pending|oldest activity waiting \d+ s)$/);
    await card.screenshot({ path: "test-results/dashboard-connector-health.png" });

    // How late work reads: the same response with lags filled in (nothing waits that long on a healthy instance).
    await page.route((url) => url.pathname === "/api/v1/dashboard", async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, processingLag: { detectionSeconds: 4, governanceSeconds: 75, notificationSeconds: 0 } } });
    });
    await page.reload();
    await expect(card.getByTestId("lag-detection")).toHaveText("oldest activity waiting 4 s");
    await expect(card.getByTestId("lag-governance")).toHaveText("oldest action waiting 75 s (over 60 s)");
    await expect(card.getByTestId("lag-notifications")).toHaveText("none pending");
    await card.screenshot({ path: "test-results/dashboard-connector-health-late.png" });
    await page.close();
  });

  test("a bad range is a 400 from the API and a message in the UI", async () => {
    const response = await context.request.get("/api/v1/dashboard?range=1y");
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    const page = await context.newPage();
    await page.goto("/?range=1y");
    await expect(page.getByRole("alert").filter({ hasText: "Unknown range" })).toBeVisible();
    await page.close();
  });
});
