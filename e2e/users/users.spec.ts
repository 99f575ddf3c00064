import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { connectScenarioOrg } from "../dashboard/scenario-org";
import { ADMIN_STATE } from "../fixtures/env";

let sim: TRunningSimulator | undefined;
let context: BrowserContext;
let connectorId: string;
const CONNECTOR = `Users org ${randomUUID().slice(0, 6)}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  context = await browser.newContext({ storageState: ADMIN_STATE });
  ({ sim, connectorId } = await connectScenarioOrg(context.request, CONNECTOR));
});

test.afterAll(async () => {
  await context?.close();
  await sim?.close();
});

test.describe("Atlassian users", () => {
  test("the list filters through the URL, and a user page shows timeline, places and alerts", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).locator('a[href="/users"]').click();
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await page.getByLabel("Connector", { exact: true }).selectOption({ label: CONNECTOR });
    await expect(page).toHaveURL(new RegExp(`connectorId=${connectorId}`));
    const ada = page.getByTestId("atlassian-user-row-ada@acme.com");
    await expect(ada).toBeVisible();
    await expect(ada.getByText("Org admin")).toBeVisible();

    await page.getByLabel("Admin", { exact: true }).selectOption("true");
    await expect(page).toHaveURL(/admin=true/);
    await expect(ada).toBeVisible();
    await expect(page.getByTestId("atlassian-user-row-bob@acme.io")).toHaveCount(0);
    await page.getByLabel("Admin", { exact: true }).selectOption("");
    await page.getByLabel("Search", { exact: true }).fill("bob");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=bob/);
    await page.reload();
    await expect(page.getByLabel("Search", { exact: true })).toHaveValue("bob");
    const bob = page.getByTestId("atlassian-user-row-bob@acme.io");
    await expect(bob).toBeVisible();
    await expect(ada).toHaveCount(0);

    await bob.getByRole("link", { name: "Bob Builder" }).click();
    await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Bob Builder", level: 1 })).toBeVisible();
    await expect(page.getByTestId("timeline-row").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Countries seen" }).getByRole("row")).not.toHaveCount(1);
    await expect(page.getByRole("region", { name: "IP addresses seen" }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByText("No governance actions have been taken on this account.")).toBeVisible();
    await page.screenshot({ path: "test-results/user-page.png", fullPage: true });

    // A bad filter in the URL: the API's message, not a crash.
    await page.goto("/users?status=gone");
    await expect(page.getByRole("alert").filter({ hasText: "status must be one of" })).toBeVisible();
    await page.close();
  });

  test("the API: filters, cursor, 400 on bad input, 404 on an unknown id", async () => {
    const api = context.request;
    const first = (await (await api.get(`/api/v1/users?connectorId=${connectorId}&limit=10`)).json()) as { data: { id: string }[]; nextCursor: string };
    expect(first.data).toHaveLength(10);
    const second = (await (await api.get(`/api/v1/users?connectorId=${connectorId}&limit=10&cursor=${first.nextCursor}`)).json()) as { data: { id: string }[] };
    expect(second.data.map((u) => u.id)).not.toContain(first.data[0]?.id);
    expect((await api.get("/api/v1/users?cursor=tampered!")).status()).toBe(400);
    expect((await api.get("/api/v1/users?admin=maybe")).status()).toBe(400);
    expect((await api.get(`/api/v1/users/${randomUUID()}`)).status()).toBe(404);
    expect((await api.get("/api/v1/users/not-a-uuid")).status()).toBe(400);
    const detail = await api.get(`/api/v1/users/${first.data[0]?.id}`);
    expect(detail.status()).toBe(200);
    expect(await detail.json()).toHaveProperty("locations");
  });
});
