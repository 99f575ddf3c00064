import "../fixtures/localhost-dns";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { fileBytes, fileSha256, siteCatalog } from "../../lib/simulator/sites/catalog";
import { SIMULATED_PASSWORD } from "../../lib/simulator/sites/credentials";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { ADMIN_STATE } from "../fixtures/env";

// Issue 21 in Chromium: a simulated Atlassian site protected on its connector page, browsed through the session proxy
// (the e2e server's, on E2E_PROXY_PORT) with and without a device client certificate.
const PROXY_PORT = Number(process.env.E2E_PROXY_PORT ?? 4543);
const DOMAIN = "proxy.localhost";

let sim: TRunningSimulator;
test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
});
test.afterAll(async () => {
  await sim?.close();
});

type TProtected = Readonly<{ connectorId: string; site: string; origin: string; user: { email: string; name: string; accountId: string } }>;

/** A simulator org with a site of its own, connected, its site listed by the sync and protected with the connector page's switch. */
const protectSite = async (admin: BrowserContext): Promise<TProtected> => {
  const site = `px${randomUUID().slice(0, 8)}`;
  const org = await createSimOrg(sim.baseUrl, { sites: [{ name: site }] });
  const created = await admin.request.post("/api/v1/connectors", {
    data: { name: `Proxy ${site}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 },
  });
  expect(created.status()).toBe(201);
  const { id: connectorId } = (await created.json()) as { id: string };
  const host = `${site}.atlassian.net`;
  await expect
    .poll(async () => ((await (await admin.request.get(`/api/v1/connectors/${connectorId}/sites`)).json()) as { data: { host: string }[] }).data.map((s) => s.host), { timeout: 60_000 })
    .toContain(host);
  const page = await admin.newPage();
  await page.goto(`/connectors/${connectorId}`);
  const toggle = page.getByRole("switch", { name: `Protect through the session proxy: ${host}` });
  await toggle.click();
  await expect(toggle).toBeChecked();
  const origin = `https://${host}.${DOMAIN}:${PROXY_PORT}`;
  await expect(page.getByText(origin)).toBeVisible();
  await page.close();
  const user = org.users[1] as { email: string; name: string; accountId: string };
  return { connectorId, site, origin, user };
};

/** Waits until the proxy routes the site (it refreshes its protected sites every ≤2 s). */
const waitForRoute = async (request: APIRequestContext, origin: string) =>
  expect.poll(async () => (await request.get(`${origin}/login`, { maxRedirects: 0 })).status(), { timeout: 10_000 }).toBe(200);

const signInThroughProxy = async (page: Page, target: TProtected, path: string) => {
  await page.goto(`${target.origin}${path}`);
  await expect(page).toHaveURL(new RegExp(`^${target.origin.replace(/\./g, "\\.")}/login`));
  await page.getByLabel("Email").fill(target.user.email);
  await page.getByLabel("Password").fill(SIMULATED_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(`${target.origin}${path}`);
};

/** Starts a download of `url` from the page as a link click would, and returns the file's SHA-256 and final URL. */
const download = async (page: Page, url: string) => {
  const [started] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate((href) => {
      const link = document.createElement("a");
      link.href = href;
      link.download = "";
      document.body.append(link);
      link.click();
      link.remove();
    }, url),
  ]);
  const path = await started.path();
  return { sha256: createHash("sha256").update(readFileSync(path)).digest("hex"), url: started.url() };
};

type TSessionRow = { id: string; userEmail: string | null; deviceManaged: boolean; deviceSubject: string | null; downloads: number };
const sessionsOf = async (admin: BrowserContext, connectorId: string) =>
  ((await (await admin.request.get(`/api/v1/proxy-sessions?connectorId=${connectorId}`)).json()) as { data: TSessionRow[] }).data;

test("unmanaged: sign in, browse, download through every route, a range, no request escapes the proxy; the session and its activities show up", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const target = await protectSite(admin);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  await waitForRoute(context.request, target.origin);
  const requested: string[] = [];
  context.on("request", (request) => requested.push(request.url()));
  const page = await context.newPage();

  const catalog = siteCatalog(target.site);
  const confluencePage = catalog.confluence.spaces[0]?.pages.find((p) => p.attachments.length > 0);
  if (!confluencePage) throw new Error("the catalogue has no Confluence page with attachments");
  await signInThroughProxy(page, target, confluencePage.path);
  // The page's JavaScript fetched /gateway/api/me by absolute URL and built a link: both through the proxy.
  await expect(page.locator("#js-user")).toContainText(target.user.name);
  await expect(page.locator("#js-built-link")).toHaveAttribute("href", new RegExp(`^${target.origin.replace(/\./g, "\\.")}/`));

  const attachment = confluencePage.attachments.find((a) => a.size < 5 * 1024 * 1024) ?? confluencePage.attachments[0];
  if (!attachment) throw new Error("no attachment");
  const link = page.locator(`a[href$="${attachment.fileName}"]`).first();
  await expect(link).toHaveAttribute("href", new RegExp(`^${target.origin.replace(/\./g, "\\.")}/`));
  const [clicked] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(createHash("sha256").update(readFileSync(await clicked.path())).digest("hex")).toBe(fileSha256(attachment));
  const downloadedAt = Date.now();

  const jiraFile = catalog.jira.projects[0]?.issues.flatMap((i) => i.attachments).find((a) => a.size < 5 * 1024 * 1024);
  if (!jiraFile?.redirectPath) throw new Error("no Jira attachment with a REST redirect");
  const viaMedia = await download(page, `${target.origin}${jiraFile.redirectPath}`);
  expect(viaMedia.sha256).toBe(fileSha256(jiraFile));
  const archive = catalog.bitbucket.repos[0]?.archives[0];
  if (!archive) throw new Error("no Bitbucket archive");
  expect((await download(page, `${target.origin}${archive.paths[0]}`)).sha256).toBe(fileSha256(archive));

  // A resumed download: the proxy passes the range through (206, the same bytes as that slice of the file).
  const ranged = await context.request.get(`${target.origin}${attachment.paths[0]}`, { headers: { Range: "bytes=100-1099" } });
  expect(ranged.status()).toBe(206);
  expect(Buffer.compare(await ranged.body(), fileBytes(attachment, 100, 1099))).toBe(0);

  // Nothing the browser asked for went to the site or the media host unproxied.
  const escaped = requested.filter((url) => url.startsWith("http") && !new URL(url).hostname.endsWith(`.${DOMAIN}`));
  expect(escaped).toEqual([]);
  expect(requested.some((url) => new URL(url).hostname === `api.media.atlassian.com.${DOMAIN}`)).toBe(true);

  // Within 2 s of the download: the session with its user and device, and the activity in the activity log.
  await expect
    .poll(async () => (await sessionsOf(admin, target.connectorId)).find((s) => s.userEmail === target.user.email && s.downloads > 0), { timeout: Math.max(500, 2_000 - (Date.now() - downloadedAt)) + 3_000 })
    .toMatchObject({ deviceManaged: false });
  const activities = async () =>
    ((await (await admin.request.get(`/api/v1/activities?source=session_proxy&connectorId=${target.connectorId}&limit=100`)).json()) as { data: { action: string; actorEmail: string | null; targetName: string | null }[] }).data;
  await expect.poll(async () => (await activities()).filter((a) => a.action === "proxy_download_attachment" && a.actorEmail === target.user.email).length, { timeout: 5_000 }).toBeGreaterThan(0);

  const sessionsPage = await admin.newPage();
  await sessionsPage.goto(`/sessions?connectorId=${target.connectorId}`);
  const row = sessionsPage.getByTestId("proxy-session").filter({ hasText: target.user.email });
  await expect(row).toContainText("Unmanaged");
  await sessionsPage.goto(`/activities?source=session_proxy`);
  await expect(sessionsPage.getByText(attachment.fileName).first()).toBeVisible();

  // End session: the next request through the proxy must sign in again.
  await sessionsPage.goto(`/sessions?connectorId=${target.connectorId}`);
  await row.getByRole("button", { name: "End session" }).click();
  await sessionsPage.getByRole("dialog").getByRole("button", { name: "End session" }).click();
  await expect(row).toContainText("Ended");
  await expect
    .poll(
      async () => {
        await page.goto(`${target.origin}${confluencePage.path}`);
        return new URL(page.url()).pathname;
      },
      { timeout: 10_000 },
    )
    .toBe("/login");
  await context.close();
  await admin.close();
});

test("managed: a device certificate from Settings → Devices marks the session managed; revoked, it is unmanaged within 5 s", async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const target = await protectSite(admin);
  const name = `laptop-${randomUUID().slice(0, 6)}`;
  const passphrase = "correct horse battery";
  const issued = await admin.request.post("/api/v1/devices/certificates", { data: { name, expiresInDays: 30, passphrase } });
  expect(issued.status()).toBe(201);
  const { certificate, pkcs12Base64 } = (await issued.json()) as { certificate: { id: string }; pkcs12Base64: string };

  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    clientCertificates: [{ origin: target.origin, pfx: Buffer.from(pkcs12Base64, "base64"), passphrase }],
  });
  await waitForRoute(context.request, target.origin);
  const page = await context.newPage();
  const overview = siteCatalog(target.site).confluence.spaces[0]?.overviewPath ?? "/";
  await signInThroughProxy(page, target, overview);
  await expect
    .poll(async () => (await sessionsOf(admin, target.connectorId)).find((s) => s.userEmail === target.user.email), { timeout: 5_000 })
    .toMatchObject({ deviceManaged: true, deviceSubject: expect.stringContaining(name) as unknown as string });

  expect((await admin.request.post(`/api/v1/devices/certificates/${certificate.id}/revoke`)).status()).toBe(200);
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await sessionsOf(admin, target.connectorId)).find((s) => s.userEmail === target.user.email)?.deviceManaged;
      },
      { timeout: 8_000 },
    )
    .toBe(false);
  await context.close();
  await admin.close();
});
