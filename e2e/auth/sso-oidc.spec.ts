// Single sign-on with OpenID Connect, end to end: a REAL OpenID provider (oidc-provider) started here on loopback,
// configured through Settings → Single sign-on, and Chromium signing in through it. The SSO configuration is global,
// so this file runs serially and removes it afterwards (other specs sign in with the password form alone).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { startTestIdp, type TTamper, type TTestIdp } from "../../lib/testing/oidc-test-provider";
import { SIGN_IN_ERRORS } from "../../lib/shared/sign-in-errors";
import { withDatabase } from "../fixtures/database";
import { seedTriageAlert } from "./sso-alert";
import { ADMIN, ADMIN_STATE, createTokenWithCli, expectSignedInAs, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3210);
const IDP_PORT = Number(process.env.E2E_SSO_IDP_PORT ?? 4790);
const CLIENT = { clientId: "watchpost-e2e", clientSecret: `e2e-secret-${randomUUID()}` };
const IDP_NAME = "Acme Login";
const tag = randomUUID().slice(0, 6);
const USERS = {
  vic: { email: `vic-${tag}@acme.test`, name: "Vic Viewer", groups: ["staff"] },
  ann: { email: `ann-${tag}@acme.test`, name: "Ann Analyst", groups: ["staff", "wp-analysts"] },
  nora: { email: `nora-${tag}@acme.test`, name: "Nora Nogroup", groups: ["contractors"] },
  tess: { email: `tess-${tag}@acme.test`, name: "Tess Tamper", groups: ["staff"] },
};

let idp: TTestIdp;
let sim: TRunningSimulator;
let admin: APIRequestContext;
let alertId: string;
let connectorId: string | undefined;

const removeSsoConfiguration = () =>
  withDatabase(async (db) => {
    await db.query("DELETE FROM sso_configs");
    await db.query("UPDATE users SET break_glass = false WHERE break_glass");
  });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  await removeSsoConfiguration();
  idp = await startTestIdp({ port: IDP_PORT, clients: [{ ...CLIENT, redirectUris: [`http://localhost:${PORT}/api/auth/callback/sso`] }], users: USERS });
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  ({ alertId, connectorId } = await seedTriageAlert(sim, admin, `SSO ${tag}`));
});

test.afterAll(async () => {
  await removeSsoConfiguration();
  // The simulator stops with this file: its connector would only retry against a closed port.
  if (connectorId) expect((await admin.delete(`/api/v1/connectors/${connectorId}`)).ok()).toBe(true);
  await admin?.dispose();
  await sim?.close();
  await idp?.close();
});

const newPage = async (browser: Browser): Promise<Page> => (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } })).newPage();

/** From Watchpost's login page through the IdP's own login form and back. */
const signInWithSso = async (page: Page, login: string) => {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${IDP_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
};

const expectRefused = async (page: Page, text: string) => {
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: text })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveCount(0);
};

test("an admin configures the provider: clear errors for an unreachable issuer and a wrong secret, then roles in order", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  await page.goto("/settings/sso");
  await expect(page.getByTestId("sso-redirect-url")).toHaveText(`http://localhost:${PORT}/api/auth/callback/sso`);
  const form = page.getByRole("form", { name: "OpenID Connect" });
  await form.getByLabel("Display name").fill(IDP_NAME);
  await form.getByLabel("Issuer URL").fill("http://127.0.0.1:9");
  await form.getByLabel("Client ID").fill(CLIENT.clientId);
  await form.getByLabel("Client secret").fill("not-the-secret");
  await form.getByLabel("Scopes").fill("openid email profile groups");
  await form.getByRole("button", { name: "Check and save" }).click();
  await expect(form.getByText(/Cannot reach the issuer at http:\/\/127\.0\.0\.1:9/).first()).toBeVisible();

  await form.getByLabel("Issuer URL").fill(idp.issuer);
  await form.getByRole("button", { name: "Check and save" }).click();
  await expect(form.getByText(/refused this client ID or secret/).first()).toBeVisible();

  await form.getByLabel("Client secret").fill(CLIENT.clientSecret);
  await form.getByRole("button", { name: "Check and save" }).click();
  await expect(page.getByText("the connection is saved")).toBeVisible();
  await expect(page.getByLabel("Client secret")).toHaveAttribute("placeholder", /set/);
  expect(await page.content()).not.toContain(CLIENT.clientSecret);

  const policy = page.getByRole("form", { name: "Roles and policy" });
  for (const [group, role] of [
    ["wp-admins", "admin"],
    ["wp-analysts", "analyst"],
    ["staff", "viewer"],
  ] as const) {
    await policy.getByRole("button", { name: "Add mapping" }).click();
    const index = await policy.locator('[data-testid^="role-mapping-"]').count();
    await policy.getByLabel(`Group ${index}`).fill(group);
    await policy.getByLabel(`Role ${index}`).selectOption(role);
  }
  await policy.getByRole("button", { name: "Save roles and policy" }).click();
  await expect(page.getByText("Roles and policy saved")).toBeVisible();
  await page.context().close();
});

test("a user whose group maps to viewer lands as viewer and sees no triage buttons; an analyst's group gives them", async ({ browser }) => {
  const viewer = await newPage(browser);
  await signInWithSso(viewer, "vic");
  await expectSignedInAs(viewer, "viewer");
  await viewer.goto(`/alerts/${alertId}`);
  await expect(viewer.getByTestId("alert-explanation")).toBeVisible();
  await expect(viewer.getByRole("main").getByRole("button")).toHaveCount(0);
  await viewer.context().close();

  const analyst = await newPage(browser);
  await signInWithSso(analyst, "ann");
  await expectSignedInAs(analyst, "analyst");
  await analyst.goto(`/alerts/${alertId}`);
  await expect(analyst.getByRole("main").getByRole("button", { name: "Assign to me" })).toBeVisible();
  await analyst.context().close();
});

test("the role is re-evaluated at the next sign-in", async ({ browser }) => {
  idp.setUser("vic", { ...USERS.vic, groups: ["wp-admins", "staff"] });
  const page = await newPage(browser);
  await signInWithSso(page, "vic");
  await expectSignedInAs(page, "admin");
  idp.setUser("vic", USERS.vic);
  await page.context().close();
});

test("a user with no mapped group is refused with a clear message", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithSso(page, "nora");
  await expectRefused(page, SIGN_IN_ERRORS.SsoNoRole);
  await page.context().close();
});

for (const [mode, code] of [
  ["audience", "SsoTokenAudience"],
  ["expired", "SsoTokenExpired"],
  ["signature", "SsoTokenSignature"],
] as const satisfies readonly (readonly [TTamper, keyof typeof SIGN_IN_ERRORS])[]) {
  test(`an ID token with a ${mode === "audience" ? "wrong audience" : mode === "expired" ? "past expiry" : "bad signature"} is refused`, async ({ browser }) => {
    idp.setTamper(mode);
    try {
      const page = await newPage(browser);
      await signInWithSso(page, "tess");
      await expectRefused(page, SIGN_IN_ERRORS[code]);
      await page.context().close();
    } finally {
      idp.setTamper("none");
    }
  });
}

test("Require SSO: password sign-in only for break-glass accounts", async ({ browser }) => {
  const glass = { name: "Glass Admin", email: uniqueEmail("glass"), password: USER_PASSWORD, role: "admin" };
  const local = { name: "Local Analyst", email: uniqueEmail("local"), password: USER_PASSWORD, role: "analyst" };
  const ids: string[] = [];
  for (const user of [glass, local]) {
    const created = await admin.post("/api/v1/portal-users", { data: user });
    expect(created.status()).toBe(201);
    ids.push(((await created.json()) as { id: string }).id);
  }
  const page = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  await page.goto("/settings/sso");
  const policy = page.getByRole("form", { name: "Roles and policy" });
  // Without a break-glass admin, requiring SSO is refused (it could lock every admin out).
  await policy.getByLabel(/Require SSO/).check();
  await policy.getByRole("button", { name: "Save roles and policy" }).click();
  await expect(policy.getByText("Mark at least one enabled admin as break-glass").first()).toBeVisible();

  await page.getByLabel("Account", { exact: true }).selectOption({ label: `${glass.email} (admin)` });
  await page.getByRole("button", { name: "Mark as break-glass" }).click();
  await expect(page.getByTestId(`break-glass-${glass.email}`)).toBeVisible();
  await policy.getByLabel(/Require SSO/).check();
  await policy.getByRole("button", { name: "Save roles and policy" }).click();
  await expect(page.getByText("Roles and policy saved")).toBeVisible();

  try {
    const refused = await newPage(browser);
    await refused.goto("/login");
    await expect(refused.getByRole("button", { name: `Sign in with ${IDP_NAME}` })).toBeVisible();
    await expect(refused.getByLabel("Email")).toBeHidden();
    await refused.getByText("Break-glass account sign-in").click();
    await refused.getByLabel("Email").fill(local.email);
    await refused.getByLabel("Password").fill(USER_PASSWORD);
    await refused.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(refused.getByRole("alert").filter({ hasText: SIGN_IN_ERRORS.SsoRequired })).toBeVisible();
    await refused.context().close();

    const allowed = await newPage(browser);
    await allowed.goto("/login");
    await allowed.getByText("Break-glass account sign-in").click();
    await allowed.getByLabel("Email").fill(glass.email);
    await allowed.getByLabel("Password").fill(USER_PASSWORD);
    await allowed.getByRole("button", { name: "Sign in", exact: true }).click();
    await expectSignedInAs(allowed, "admin");
    await allowed.context().close();
  } finally {
    const restored = await admin.put("/api/v1/sso/policy", {
      data: { roleMappings: [{ group: "staff", role: "viewer" }], defaultRole: null, requireSso: false },
    });
    expect(restored.status()).toBe(200);
    expect((await admin.put(`/api/v1/sso/break-glass/${ids[0]}`, { data: { isBreakGlass: false } })).status()).toBe(200);
    await page.context().close();
  }
});
