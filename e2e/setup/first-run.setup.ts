import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE, readSetupCode } from "../fixtures/env";

setup("first run: /setup asks for the setup code npm start printed, creates the first admin, then is gone", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Watchpost" })).toBeVisible();

  // Bad input gets form errors, not a server error.
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  await expect(page.getByText("Enter the setup code printed by npm start")).toBeVisible();
  await expect(page.getByLabel("Setup code")).toHaveAttribute("aria-invalid", "true");
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
  // Whoever reaches /setup first cannot take over: without the code npm start printed, no admin is created.
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter the setup code printed by npm start")).toBeVisible();
  await page.getByLabel("Setup code").fill("0000-0000-0000-0000");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Wrong setup code: use the one printed by npm start")).toBeVisible();
  const takeover = await page.request.post("/api/setup", { data: { name: "Mallory", email: "mallory@e2e.test", password: "takeover-password-1", setupCode: "ABCD-EFGH-JKMN-PQRS" } });
  expect(takeover.status()).toBe(400);
  expect(((await takeover.json()) as { invalid_params?: { name: string }[] }).invalid_params?.map((p) => p.name)).toEqual(["setupCode"]);
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel("Setup code").fill(readSetupCode());
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText("admin");
  await page.context().storageState({ path: ADMIN_STATE });

  const setupAgain = await page.goto("/setup");
  expect(setupAgain?.status()).toBe(404);
  const api = await page.request.post("/api/setup", { data: { name: "x", email: "x@e2e.test", password: "another-long-password" } });
  expect(api.status()).toBe(404);
});
