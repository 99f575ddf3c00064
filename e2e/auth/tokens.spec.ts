import { expect, test } from "@playwright/test";
import { ADMIN_STATE } from "../fixtures/env";

test("admin creates a personal API token (shown once), uses it, then revokes it", async ({ browser, playwright }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await context.newPage();
  await page.goto("/settings/tokens");
  const name = `ui-token-${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^wpt_/);
  await expect(page.getByText("it will not be shown again")).toBeVisible();

  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get("/api/v1/me")).status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByText("Revoked")).toBeVisible();
  expect((await api.get("/api/v1/me")).status()).toBe(401);

  await page.goto("/settings/audit-log");
  await expect(page.getByRole("cell", { name: "token.revoked" }).first()).toBeVisible();
  await context.close();
});
