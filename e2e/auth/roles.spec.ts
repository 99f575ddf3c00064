import { expect, test, type Browser } from "@playwright/test";
import { ADMIN_STATE, expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

const newUserPage = async (browser: Browser) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  return context.newPage();
};

test.describe("roles", () => {
  test("admin creates an analyst and a viewer; each sees only what the role allows", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
    const admin = await adminContext.newPage();
    await admin.goto("/");
    // Settings → Users (portal users); the main section's "Users" lists Atlassian accounts.
    await admin.getByRole("navigation", { name: "Main" }).locator('a[href="/settings/users"]').click();
    await expect(admin.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

    const form = admin.getByRole("form", { name: "Create user" });
    // Bad input: clear form errors.
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("Name is required")).toBeVisible();
    await form.getByLabel("Email").fill("nope");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByText("Enter a valid email address")).toBeVisible();

    const analystEmail = uniqueEmail("analyst");
    const viewerEmail = uniqueEmail("viewer");
    for (const [email, role] of [
      [analystEmail, "analyst"],
      [viewerEmail, "viewer"],
    ] as const) {
      await form.getByLabel("Name").fill(`E2E ${role}`);
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Password").fill(USER_PASSWORD);
      await form.getByLabel("Role").selectOption(role);
      await form.getByRole("button", { name: "Create user" }).click();
      await expect(admin.getByText(`${email} was created as ${role}.`)).toBeVisible();
      await expect(admin.getByTestId(`user-row-${email}`)).toBeVisible();
    }

    // Duplicate email: an error, not a 500.
    await form.getByLabel("Name").fill("Dup");
    await form.getByLabel("Email").fill(viewerEmail);
    await form.getByLabel("Password").fill(USER_PASSWORD);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "already exists" })).toBeVisible();

    for (const [email, role] of [
      [analystEmail, "analyst"],
      [viewerEmail, "viewer"],
    ] as const) {
      const page = await newUserPage(browser);
      await signInWithForm(page, email, USER_PASSWORD);
      await expectSignedInAs(page, role);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "API tokens" })).toBeVisible();
      await expect(nav.locator('a[href="/settings/users"]')).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
      const forbidden = await page.goto("/settings/users");
      expect(forbidden?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
      const api = await page.request.get("/api/v1/portal-users");
      expect(api.status()).toBe(403);
      await page.context().close();
    }
    await adminContext.close();
  });

  test("wrong password shows an error; sign-out works", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
    const email = uniqueEmail("signout");
    const created = await adminContext.request.post("/api/v1/portal-users", { data: { name: "Sign Out", email, password: USER_PASSWORD, role: "viewer" } });
    expect(created.status()).toBe(201);
    await adminContext.close();

    const page = await newUserPage(browser);
    await signInWithForm(page, email, "definitely-wrong");
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel("Password").fill(USER_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectSignedInAs(page, "viewer");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Ftokens/);
    await page.context().close();
  });

  test("a disabled user loses access at once", async ({ browser }) => {
    const adminContext = await browser.newContext({ storageState: ADMIN_STATE });
    const email = uniqueEmail("disabled");
    const created = await adminContext.request.post("/api/v1/portal-users", { data: { name: "Soon Disabled", email, password: USER_PASSWORD, role: "analyst" } });
    const user = (await created.json()) as { id: string };

    const page = await newUserPage(browser);
    await signInWithForm(page, email, USER_PASSWORD);
    await expectSignedInAs(page, "analyst");

    const admin = await adminContext.newPage();
    await admin.goto("/settings/users");
    await admin.getByRole("button", { name: `Disable ${email}` }).click();
    await expect(admin.getByTestId(`user-row-${email}`).getByText("Disabled", { exact: true })).toBeVisible();
    expect(user.id).toBeTruthy();

    // The existing session is refused on the next request.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await signInWithForm(page, email, USER_PASSWORD);
    await expect(page.getByRole("alert").filter({ hasText: "This account is disabled" })).toBeVisible();
    await page.context().close();
    await adminContext.close();
  });
});
