import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "../fixtures/env";

setup("first run: /setup creates the first admin, then is gone", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Watchpost" })).toBeVisible();

  // Bad input gets form errors, not a server error.
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Password must be at least 12 characters")).toBeVisible();

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("admin");
  await page.context().storageState({ path: ADMIN_STATE });

  const setupAgain = await page.goto("/setup");
  expect(setupAgain?.status()).toBe(404);
  const api = await page.request.post("/api/setup", { data: { name: "x", email: "x@e2e.test", password: "another-long-password" } });
  expect(api.status()).toBe(404);
});
