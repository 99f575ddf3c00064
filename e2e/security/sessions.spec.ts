// Sessions that end, password change and reset, token expiry (issue 18, items 6 and 7; docs/security.md).
// Each test uses users of its own: the shared admin's session (e2e/.auth) must survive for the other specs.
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { ADMIN, ADMIN_STATE, expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";
import { withDatabase } from "../fixtures/database";
import { startOwnWeb } from "../fixtures/own-web";
import { baseUrl, createTokenWithSession } from "./principals";

type TPlaywright = PlaywrightWorkerArgs["playwright"];

const NEW_PASSWORD = "e2e-new-password-2";

// Several browsers each: more than the default minute on a busy 2-core machine.
test.describe.configure({ timeout: 150_000 });

let adminContext: BrowserContext;
test.beforeAll(async ({ browser }) => {
  adminContext = await browser.newContext({ storageState: ADMIN_STATE });
});
test.afterAll(async () => adminContext?.close());

const createUser = async (role: "viewer" | "analyst" = "viewer") => {
  const email = uniqueEmail(`sessions-${role}`);
  const created = await adminContext.request.post("/api/v1/portal-users", { data: { name: `Sessions ${role}`, email, password: USER_PASSWORD, role } });
  expect(created.status(), await created.text()).toBe(201);
  return { email, id: ((await created.json()) as { id: string }).id };
};

/** A browser of its own (a client IP of its own too: sign-in throttling is per IP), signed in through the form. */
const signedInBrowser = async (browser: Browser, email: string, password = USER_PASSWORD) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await signInWithForm(page, email, password);
  return { context, page };
};

/** The same cookies in a plain API client: what someone holding a copy of the cookie would send. */
const copyOfCookie = async (playwright: TPlaywright, context: BrowserContext): Promise<APIRequestContext> =>
  playwright.request.newContext({ storageState: await context.storageState() });

const status = async (client: APIRequestContext, url = "/api/v1/me") => (await client.get(url)).status();

test("after sign-out, a copy of the old session cookie gets 401 on /api/v1 (it is revoked, not just cleared)", async ({ browser, playwright }) => {
  const { email } = await createUser();
  const { context, page } = await signedInBrowser(browser, email);
  await expectSignedInAs(page, "viewer");
  const copy = await copyOfCookie(playwright, context);
  expect(await status(copy)).toBe(200);
  const other = await signedInBrowser(browser, email);
  await expectSignedInAs(other.page, "viewer");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await status(copy)).toBe(401);
  expect(await status(copy, "/api/v1/alerts")).toBe(401);
  // The session endpoint does not renew it either.
  expect(await (await copy.get("/api/auth/session")).json()).toEqual({});
  // Signing out ends this session only: the user's other browser goes on.
  expect(await status(other.context.request)).toBe(200);
  await copy.dispose();
  await context.close();
  await other.context.close();
});

test("an admin's 'Sign out everywhere' ends the user's sessions in every browser, audited", async ({ browser, playwright }) => {
  const { email } = await createUser("analyst");
  const first = await signedInBrowser(browser, email);
  const second = await signedInBrowser(browser, email);
  await expectSignedInAs(first.page, "analyst");
  await expectSignedInAs(second.page, "analyst");
  const token = await createTokenWithSession(first.context.request);

  const admin = await adminContext.newPage();
  await admin.goto("/settings/users");
  await admin.getByRole("button", { name: `Sign out everywhere: ${email}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Sign out ${email} everywhere?` });
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(admin.getByText(`${email} was signed out everywhere.`)).toBeVisible();

  expect(await status(first.context.request)).toBe(401);
  await second.page.reload();
  await expect(second.page).toHaveURL(/\/login\?callbackUrl=/);
  // API tokens are not sessions: they are kept (revoked in Settings → API tokens).
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect(await status(api)).toBe(200);
  // The admin's own session is untouched.
  expect(await status(adminContext.request)).toBe(200);

  await admin.goto("/settings/audit-log");
  const row = admin.getByRole("row").filter({ hasText: "user.signed_out_everywhere" }).filter({ hasText: email }).first();
  await expect(row).toContainText(ADMIN.email);
  await api.dispose();
  await admin.close();
  await first.context.close();
  await second.context.close();
});

test("a user changes their password in the browser: form errors, this session goes on, the other browser is signed out", async ({ browser, playwright }) => {
  const { email } = await createUser();
  const { context, page } = await signedInBrowser(browser, email);
  await expectSignedInAs(page, "viewer");
  const other = await signedInBrowser(browser, email);
  await expectSignedInAs(other.page, "viewer");
  const oldCookie = await copyOfCookie(playwright, context);
  const token = await createTokenWithSession(context.request);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Change password", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill("short");
  await form.getByLabel("Confirm new password").fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Password must be at least 12 characters")).toBeVisible();

  await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The current password is wrong")).toBeVisible();

  await form.getByLabel("Current password").fill(USER_PASSWORD);
  await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed. Your other sessions were signed out.")).toBeVisible();

  // This browser goes on (its cookie was replaced); the other one and the old cookie are out; tokens are kept.
  await page.goto("/");
  await expectSignedInAs(page, "viewer");
  expect(await status(context.request)).toBe(200);
  expect(await status(oldCookie)).toBe(401);
  expect(await status(other.context.request)).toBe(401);
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect(await status(api)).toBe(200);

  // The old password no longer signs in; the new one does.
  const retry = await signedInBrowser(browser, email);
  await expect(retry.page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
  await signInWithForm(retry.page, email, NEW_PASSWORD);
  await expectSignedInAs(retry.page, "viewer");
  for (const c of [oldCookie, api]) await c.dispose();
  for (const c of [context, other.context, retry.context]) await c.close();
});

test("a temporary password set by an admin ends the user's sessions and tokens, and must be changed before anything else", async ({ browser, playwright }) => {
  const { email } = await createUser("analyst");
  const before = await signedInBrowser(browser, email);
  await expectSignedInAs(before.page, "analyst");
  const token = await createTokenWithSession(before.context.request);

  const admin = await adminContext.newPage();
  await admin.goto("/settings/users");
  await admin.getByRole("button", { name: `Set temporary password: ${email}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Set a temporary password for ${email}` });
  await dialog.getByLabel("Temporary password").fill("short");
  await dialog.getByRole("button", { name: "Set temporary password" }).click();
  await expect(dialog.getByText("Password must be at least 12 characters")).toBeVisible();
  await dialog.getByLabel("Temporary password").fill("temporary-password-9");
  await dialog.getByRole("button", { name: "Set temporary password" }).click();
  await expect(admin.getByTestId(`user-row-${email}`).getByText("Must change password")).toBeVisible();

  expect(await status(before.context.request)).toBe(401);
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect(await status(api)).toBe(401);

  const { context, page } = await signedInBrowser(browser, email, "temporary-password-9");
  await expect(page).toHaveURL(/\/settings\/password$/);
  await expect(page.getByText("An admin set a temporary password for you.")).toBeVisible();
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/settings\/password$/);
  const blocked = await context.request.get("/api/v1/alerts");
  expect(blocked.status()).toBe(403);
  expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("password_change_required");
  expect(((await context.request.post("/api/v1/tokens", { data: { name: "sneaky" }, headers: { origin: baseUrl() } })).status())).toBe(403);
  expect(((await (await context.request.get("/api/v1/me")).json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("temporary-password-9");
  await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expectSignedInAs(page, "analyst");
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/alerts$/);
  expect(await status(context.request, "/api/v1/alerts")).toBe(200);

  await admin.goto("/settings/audit-log");
  await expect(admin.getByRole("row").filter({ hasText: "user.password_reset" }).filter({ hasText: email }).first()).toContainText(ADMIN.email);
  await api.dispose();
  await admin.close();
  await before.context.close();
  await context.close();
});

test("a token's expiry is chosen at creation, shown in the list, and an expired token gets 401", async ({ browser, playwright }) => {
  const { email } = await createUser();
  const { context, page } = await signedInBrowser(browser, email);
  await expectSignedInAs(page, "viewer");
  await page.goto("/settings/tokens");
  for (const [name, expires] of [["monthly", "in 30 days"], ["forever", "never"]] as const) {
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Expires").selectOption({ label: expires });
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText(`Token “${name}” created.`)).toBeVisible();
  }
  const monthly = page.getByRole("row").filter({ hasText: "monthly" });
  const inThirtyDays = new Date(Date.now() + 30 * 24 * 3600 * 1000).getFullYear().toString();
  await expect(monthly).toContainText(inThirtyDays);
  await expect(page.getByRole("row").filter({ hasText: "forever" })).toContainText("Never");

  const listed = (await (await context.request.get("/api/v1/tokens")).json()) as { data: { id: string; name: string; expiresAt: string | null }[] };
  const monthlyToken = listed.data.find((t) => t.name === "monthly");
  expect(Date.parse(monthlyToken?.expiresAt ?? "") - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);

  // Bad input: a 400 naming the field.
  const bad = await context.request.post("/api/v1/tokens", { data: { name: "weekly", expiresInDays: 7 }, headers: { origin: baseUrl() } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toEqual(["expiresInDays"]);

  // Time passes (in the database): the token is refused like a revoked one, and listed as expired.
  const created = await context.request.post("/api/v1/tokens", { data: { name: "short-lived", expiresInDays: 30 }, headers: { origin: baseUrl() } });
  const { id, token } = (await created.json()) as { id: string; token: string };
  const api = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect(await status(api)).toBe(200);
  await withDatabase((client) => client.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id]));
  // The web reuses a resolved token for up to 2 s (principal-cache.ts).
  await expect.poll(() => status(api), { timeout: 5_000 }).toBe(401);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "short-lived" }).getByText("Expired")).toBeVisible();
  await api.dispose();
  await context.close();
});

test("a session ends WATCHPOST_SESSION_MAX_HOURS after sign-in even while /api/auth/session keeps refreshing it", async () => {
  const { email } = await createUser();
  // 0.003 h ≈ 10.8 s, on a web of its own (the shared server keeps the 12 h default).
  const web = await startOwnWeb({ WATCHPOST_SESSION_MAX_HOURS: "0.003" });
  try {
    const csrf = await fetch(`${web.origin}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = new Map(csrf.headers.getSetCookie().map((c) => (c.split(";")[0] ?? "").split("=") as [string, string]));
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (response: Response) => {
      for (const set of response.headers.getSetCookie()) {
        const [pair = ""] = set.split(";");
        const at = pair.indexOf("=");
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    const signIn = await fetch(`${web.origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email, password: USER_PASSWORD, json: "true" }),
    });
    expect(signIn.status).toBe(200);
    keep(signIn);
    const signedInAt = Date.now();
    const me = async () => (await fetch(`${web.origin}/api/v1/me`, { headers: { cookie: cookie() } })).status;
    expect(await me()).toBe(200);

    // Refresh the session every second (what an open tab does), keeping each renewed cookie.
    let refreshes = 0;
    while (Date.now() - signedInAt < 9_000) {
      const session = await fetch(`${web.origin}/api/auth/session`, { headers: { cookie: cookie() } });
      expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe(email);
      keep(session);
      refreshes++;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(refreshes).toBeGreaterThan(5);
    expect(await me()).toBe(200);
    while (Date.now() - signedInAt < 11_500) await new Promise((r) => setTimeout(r, 250));
    // Past the lifetime (plus the 2 s principal cache): refused, and the session endpoint no longer renews it.
    await expect.poll(me, { timeout: 5_000 }).toBe(401);
    const ended = await fetch(`${web.origin}/api/auth/session`, { headers: { cookie: cookie() } });
    expect(await ended.json()).toEqual({});
  } finally {
    web.stop();
  }
});
