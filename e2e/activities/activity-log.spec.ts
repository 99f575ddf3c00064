import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

// An org of our own on a simulator of our own: 60 logins from London and 7 failed logins from Berlin, synced
// into the e2e instance through the API. Every view below is narrowed to this connector (other specs add theirs).
const LOGINS = 60;
const FAILED = 7;
let sim: TRunningSimulator;
let connectorId: string;

const failedLogins = (users: readonly { accountId: string; name: string; email: string }[], count: number) =>
  loginEvents(users, count, Date.now() - 30_000).map((e, i) => ({
    ...e,
    attributes: {
      ...e.attributes,
      action: "user_login_failed",
      location: { ip: `198.51.100.${i + 10}`, geo: "52.52,13.405", countryName: "Germany", regionName: "Berlin", city: "Berlin" },
    },
    message: { content: "Login failed", format: "simple" },
  }));

const api = async (request: APIRequestContext, path: string) => {
  const response = await request.get(path);
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> & { data?: { eventId: string; action: string }[]; error?: { code: string } } };
};

test.use({ storageState: ADMIN_STATE });

/** Waits for the table to show `count` rows; on failure prints what the page shows instead (and browser errors). */
const expectRows = async (page: Page, count: number) => {
  try {
    await expect(page.locator("tbody tr")).toHaveCount(count, { timeout: 20_000 });
  } catch (error) {
    console.log("activities page instead shows:", (await page.locator("main").innerText().catch(() => "?")).slice(0, 2000));
    throw error;
  }
};

// Uncaught browser errors fail the test: among them React's hydration mismatch (#418), which this page had when a
// query answered before its part of the page hydrated.
let pageErrors: string[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => (m.type() === "error" ? console.log("console error:", m.text()) : undefined));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  const org = await createSimOrg(sim.baseUrl);
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  await postEvents(sim.baseUrl, org.orgId, [...loginEvents(members, LOGINS), ...failedLogins(members.slice(1, 2), FAILED)]);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const request = context.request;
  const created = await request.post("/api/v1/connectors", {
    data: { name: `Activities ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  connectorId = ((await created.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await api(request, `/api/v1/activities?connectorId=${connectorId}&limit=500`)).body.data ?? []).length, { timeout: 90_000 })
    .toBe(LOGINS + FAILED);
  await context.close();
});

test.afterAll(async () => {
  await sim?.close();
});

test.describe("activity log", () => {
  test("filters through the UI into the URL, survive a reload, and page with Next/Previous", async ({ page }) => {
    await page.goto(`/activities?connectorId=${connectorId}`);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(rows).toHaveCount(LOGINS + FAILED - 50);
    await expect(page).toHaveURL(/cursor=/);
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect(rows).toHaveCount(50);

    await page.getByLabel("Action", { exact: true }).selectOption(["user_login_failed"]);
    await page.getByLabel("Country", { exact: true }).fill("Germany");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=user_login_failed/);
    await expect(page).toHaveURL(/country=Germany/);
    await expect(rows).toHaveCount(FAILED);
    await expect(rows.first()).toContainText("Login failed");
    await expect(rows.first()).toContainText("🇩🇪 Berlin, Germany");
    await page.screenshot({ path: "test-results/activities-filtered.png", fullPage: true });

    await page.reload();
    await expect(rows).toHaveCount(FAILED);
    await expect(page.getByLabel("Country", { exact: true })).toHaveValue("Germany");
    await expect(page.getByLabel("Action", { exact: true })).toHaveValues(["user_login_failed"]);

    // A malformed filter is refused with a visible message, before any request.
    await page.getByLabel("IP or CIDR").fill("10.0.0.0/33");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "CIDR" })).toBeVisible();
    await expect(page).not.toHaveURL(/ip=/);
  });

  test("filters by source (the synced rows are the audit log's) in the URL, and the drawer names the source", async ({ page }) => {
    await page.goto(`/activities?connectorId=${connectorId}`);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await page.getByLabel("Source", { exact: true }).selectOption({ label: "Session proxy" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/source=session_proxy/);
    await expect(page.getByText("No activity matches these filters.")).toBeVisible();
    await page.getByLabel("Source", { exact: true }).selectOption({ label: "Audit log" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/source=audit_log/);
    await expect(rows).toHaveCount(50);
    await page.reload();
    await expect(page.getByLabel("Source", { exact: true })).toHaveValue("audit_log");
    await rows.first().click();
    const drawer = page.getByRole("dialog", { name: "Activity detail" });
    await expect(drawer.getByText("Source", { exact: true })).toBeVisible();
    await expect(drawer.getByText("Audit log", { exact: true })).toBeVisible();
  });

  test("opens the detail drawer from the keyboard, with raw JSON and the user's timeline; Escape closes it", async ({ page }) => {
    await page.goto(`/activities?connectorId=${connectorId}&action=user_login_failed`);
    const rows = page.locator("tbody tr");
    await expectRows(page, FAILED);
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("Enter");
    const drawer = page.getByRole("dialog", { name: "Activity detail" });
    await expect(drawer).toBeVisible();
    await expect(page).toHaveURL(/activity=\d+/);
    await expect(drawer.getByText("user_login_failed").first()).toBeVisible();
    await expect(drawer.getByRole("button", { name: "Copy raw JSON" })).toBeVisible();
    await expect(drawer.locator("pre")).toContainText('"action": "user_login_failed"');
    await page.screenshot({ path: "test-results/activities-drawer.png" });
    await expect(drawer.getByRole("region", { name: "Timeline" }).locator("li")).not.toHaveCount(0);
    await expect(drawer.getByText("No alert includes this activity.").or(drawer.getByRole("region", { name: "Alerts" }).locator("li").first())).toBeVisible();
    await page.reload();
    await expect(drawer).toBeVisible();
    // The server-rendered drawer is visible before hydration; it takes focus once its Escape handler is attached.
    await expect(drawer).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(page).not.toHaveURL(/activity=/);
  });

  test("exports the current filter as CSV and reads it back", async ({ page }) => {
    await page.goto(`/activities?connectorId=${connectorId}&action=user_login_failed`);
    await expectRows(page, FAILED);
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^watchpost-activities-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv$/);
    const lines = readFileSync((await download.path())!, "utf8").trimEnd().split("\n");
    expect(lines[0]?.split(",").slice(0, 3)).toEqual(["time", "id", "eventId"]);
    expect(lines).toHaveLength(FAILED + 1);
    expect(lines.slice(1).every((l) => l.includes(",user_login_failed,") && l.includes(",Germany,"))).toBe(true);
    await expect(page.getByText(`Exported ${FAILED} activities`)).toBeVisible();

    const ndjson = await page.request.get(`/api/v1/activities/export?format=ndjson&connectorId=${connectorId}&action=user_login_failed`);
    expect(ndjson.headers()["content-type"]).toContain("application/x-ndjson");
    const records = (await ndjson.text()).trim().split("\n").map((l) => JSON.parse(l) as { action: string; raw: { attributes: { action: string } } });
    expect(records).toHaveLength(FAILED);
    expect(records.every((r) => r.action === "user_login_failed" && r.raw.attributes.action === "user_login_failed")).toBe(true);
  });

  test("the API answers 400 {error:{code,message}} to malformed filters and a tampered cursor", async ({ request }) => {
    const first = await api(request, `/api/v1/activities?connectorId=${connectorId}&limit=5`);
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(5);
    expect(first.body.data?.[0]).toHaveProperty("eventId");
    const cursor = String(first.body.nextCursor);
    for (const query of ["from=yesterday", "ip=10.0.0.0/33", "action=user_hacked", "limit=501", "country=Atlantis", "source=proxy", `cursor=${cursor.slice(0, -3)}zzz`, "cursor=abc"]) {
      const response = await api(request, `/api/v1/activities?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error?.code, query).toBe("validation_failed");
    }
    expect((await api(request, "/api/v1/activities/123456789")).status).toBe(404);
    const openapi = await api(request, "/api/v1/openapi.json");
    expect(Object.keys(openapi.body.paths as object)).toContain("/api/v1/activities/{id}");
  });
});
