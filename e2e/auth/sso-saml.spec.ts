// Single sign-on with SAML 2.0, end to end: a REAL SAML IdP (lib/testing/saml-test-idp.ts: metadata, HTTP-Redirect
// AuthnRequest, a sign-in form, an HTTP-POST Response signed with a test key) started here on loopback, configured
// through Settings → Single sign-on, and Chromium signing in through it. The SSO configuration is global, so this file
// runs serially and removes it afterwards.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { startSamlTestIdp, type TSamlTestIdp } from "../../lib/testing/saml-test-idp";
import { SIGN_IN_ERRORS } from "../../lib/shared/sign-in-errors";
import { withDatabase } from "../fixtures/database";
import { ADMIN_STATE, createTokenWithCli, expectSignedInAs, uniqueIp, ADMIN } from "../fixtures/env";
import { seedTriageAlert } from "./sso-alert";

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_PORT ?? 3210);
const IDP_NAME = "Acme SAML";
const tag = randomUUID().slice(0, 6);
const USERS = {
  vic: { email: `saml-vic-${tag}@acme.test`, name: "Vic Viewer", groups: ["staff"] },
  ann: { email: `saml-ann-${tag}@acme.test`, name: "Ann Analyst", groups: ["staff", "wp-analysts"] },
  nora: { email: `saml-nora-${tag}@acme.test`, name: "Nora Nogroup", groups: ["contractors"] },
  tess: { email: `saml-tess-${tag}@acme.test`, name: "Tess Tamper", groups: ["staff"] },
};

let idp: TSamlTestIdp;
let sim: TRunningSimulator;
let admin: APIRequestContext;
let alertId: string;
let connectorId: string | undefined;

const removeSsoConfiguration = () => withDatabase((db) => db.query("DELETE FROM sso_configs").then(() => undefined));

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  await removeSsoConfiguration();
  idp = await startSamlTestIdp({ users: USERS });
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${createTokenWithCli(ADMIN.email)}` } });
  ({ alertId, connectorId } = await seedTriageAlert(sim, admin, `SAML ${tag}`));
});

test.afterAll(async () => {
  await removeSsoConfiguration();
  if (connectorId) expect((await admin.delete(`/api/v1/connectors/${connectorId}`)).ok()).toBe(true);
  await admin?.dispose();
  await sim?.close();
  await idp?.close();
});

const newPage = async (browser: Browser): Promise<Page> => (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } })).newPage();

/** From Watchpost's login page to the IdP's sign-in form, and back through the HTTP-POST binding. */
const signInWithSaml = async (page: Page, login: string) => {
  await page.goto("/login");
  await page.getByRole("link", { name: `Sign in with ${IDP_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.metadataUrl.replace("/metadata", "")}/sso\\?SAMLRequest=`.replace(/\./g, "\\.")));
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
};

const expectRefused = async (page: Page, text: string) => {
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByRole("alert").filter({ hasText: text })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveCount(0);
};

test("an admin configures the IdP from its metadata URL and downloads Watchpost's SP metadata", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  await page.goto("/settings/sso");
  await expect(page.getByTestId("saml-acs-url")).toHaveText(`http://localhost:${PORT}/api/auth/saml/acs`);
  await expect(page.getByTestId("saml-entity-id")).toHaveText(`http://localhost:${PORT}/api/v1/sso/saml/metadata`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download SP metadata" }).click();
  const xml = await readFile((await (await download).path()) ?? "", "utf8");
  expect(xml).toContain(`entityID="http://localhost:${PORT}/api/v1/sso/saml/metadata"`);
  expect(xml).toContain(`Location="http://localhost:${PORT}/api/auth/saml/acs"`);

  const form = page.getByRole("form", { name: "SAML 2.0" });
  await form.getByLabel("Display name").fill(IDP_NAME);
  await form.getByRole("textbox", { name: "Metadata URL" }).fill("http://127.0.0.1:9/metadata");
  await form.getByRole("button", { name: "Read metadata and save" }).click();
  await expect(form.getByText(/Cannot reach the metadata URL at http:\/\/127\.0\.0\.1:9/).first()).toBeVisible();
  await form.getByRole("textbox", { name: "Metadata URL" }).fill(idp.metadataUrl);
  await form.getByRole("button", { name: "Read metadata and save" }).click();
  await expect(page.getByText("The IdP metadata was read")).toBeVisible();
  await expect(page.getByTestId("saml-idp-entity-id")).toHaveText(idp.entityId);

  const policy = await admin.put("/api/v1/sso/policy", {
    data: { roleMappings: [{ group: "wp-admins", role: "admin" }, { group: "wp-analysts", role: "analyst" }, { group: "staff", role: "viewer" }], defaultRole: null, requireSso: false },
  });
  expect(policy.status()).toBe(200);
  await page.context().close();
});

test("a viewer's group lands as viewer with no triage buttons; an analyst's group gives them", async ({ browser }) => {
  const viewer = await newPage(browser);
  await signInWithSaml(viewer, "vic");
  await expectSignedInAs(viewer, "viewer");
  await viewer.goto(`/alerts/${alertId}`);
  await expect(viewer.getByTestId("alert-explanation")).toBeVisible();
  await expect(viewer.getByRole("main").getByRole("button")).toHaveCount(0);
  await viewer.context().close();

  const analyst = await newPage(browser);
  await signInWithSaml(analyst, "ann");
  await expectSignedInAs(analyst, "analyst");
  await analyst.goto(`/alerts/${alertId}`);
  await expect(analyst.getByRole("main").getByRole("button", { name: "Assign to me" })).toBeVisible();
  await analyst.context().close();
});

test("a user with no mapped group is refused with a clear message", async ({ browser }) => {
  const page = await newPage(browser);
  await signInWithSaml(page, "nora");
  await expectRefused(page, SIGN_IN_ERRORS.SsoNoRole);
  await page.context().close();
});

for (const [mode, code] of [
  ["signature", "SsoTokenSignature"],
  ["audience", "SsoTokenAudience"],
] as const) {
  test(`an assertion with a ${mode === "signature" ? "bad signature" : "wrong audience"} is refused`, async ({ browser }) => {
    idp.setTamper(mode);
    try {
      const page = await newPage(browser);
      await signInWithSaml(page, "tess");
      await expectRefused(page, SIGN_IN_ERRORS[code]);
      await page.context().close();
    } finally {
      idp.setTamper("none");
    }
  });
}

test("an admin removes the connection: the login page no longer offers it", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  await page.goto("/settings/sso");
  await page.getByRole("button", { name: "Remove connection" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("saml-idp-entity-id")).toHaveCount(0);
  const login = await newPage(browser);
  await login.goto("/login");
  await expect(login.getByLabel("Email")).toBeVisible();
  await expect(login.getByRole("link", { name: `Sign in with ${IDP_NAME}` })).toHaveCount(0);
  await login.context().close();
  const events = (await (await admin.get("/api/v1/audit-log?action=sso.removed")).json()) as { data: { details: Record<string, unknown> }[] };
  expect(events.data[0]?.details).toMatchObject({ protocol: "saml" });
  await page.context().close();
});
