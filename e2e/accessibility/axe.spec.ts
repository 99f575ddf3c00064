// Accessibility (issue 25 §5): axe-core's WCAG 2.1 A/AA rules over every page the security suite enumerates
// (app/**/page.tsx), signed in as admin with a simulator org connected so lists have rows, in the light and
// the dark theme, and again with each kind of dialog, drawer and opened form. Any serious or critical
// violation fails, printed as rule, page, theme and a few node targets.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";
import { ADMIN_STATE } from "../fixtures/env";
import { listPages } from "../security/app-routes";
import { fillRoute, hasDynamicSegment } from "../security/fills";
import { adminPrincipal, disposePrincipals, type TPrincipal } from "../security/principals";
import { scan, scanBothThemes, settle, switchTheme } from "./axe-scan";
import { OPENED, type TOpened } from "./dialogs";
import { connectScanOrg, type TScanOrg } from "./scan-org";

let sim: TRunningSimulator;
let admin: TPrincipal;
let org: TScanOrg;
let signedIn: BrowserContext;
let signedOut: BrowserContext;

test.beforeAll(async ({ playwright, browser }) => {
  test.setTimeout(150_000);
  sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  admin = await adminPrincipal(playwright);
  org = await connectScanOrg(sim, admin.api);
  // The theme starts from prefers-color-scheme (nothing stored yet); each page is then scanned in both.
  signedIn = await browser.newContext({ storageState: ADMIN_STATE, colorScheme: "light" });
  signedOut = await browser.newContext({ colorScheme: "light" });
});
test.afterAll(async () => {
  await signedIn?.close();
  await signedOut?.close();
  await org?.cleanUp();
  await disposePrincipals(admin);
  await sim?.close();
});

/** The URL each page is scanned at: detail pages on a real record, a page with an unknown kind of id on an unknown one. */
const urlOf = (route: string): string => (hasDynamicSegment(route) ? fillRoute(route, org.realValues[route] ?? {}) : route);

for (const target of listPages()) {
  test(`${target.route}, in the light and the dark theme: no serious or critical axe violation`, async () => {
    const page = await (target.requiresUser ? signedIn : signedOut).newPage();
    const url = urlOf(target.route);
    const status = (await page.goto(url))?.status() ?? 0;
    // /setup answers 404 once a user exists; every other page, opened as admin on real data, answers 200.
    expect(status === 200 || (target.route === "/setup" && status === 404), `${url}: status ${status}`).toBe(true);
    await settle(page);
    expect(await scanBothThemes(page, url)).toEqual([]);
    await page.close();
  });
}

/** Opens it unless it is still open (inline forms stay open on Escape), then scans the page with it. */
const scanOpened = async (page: Page, opened: TOpened, where: string): Promise<string[]> => {
  const shown = opened.shown(page);
  if (!(await shown.isVisible())) await opened.trigger(page, org).click();
  await expect(shown, where).toBeVisible();
  await settle(page);
  return scan(page, where);
};

for (const opened of OPENED) {
  test(`${opened.name}, in the light and the dark theme: no serious or critical axe violation`, async () => {
    const page = await signedIn.newPage();
    const where = `${opened.name} on ${opened.url(org)}`;
    await page.goto(opened.url(org));
    await settle(page);
    const failures = await scanOpened(page, opened, where);
    // A modal leaves the header's theme toggle inert: Escape closes it, and it is opened again in the other theme.
    await page.keyboard.press("Escape");
    await switchTheme(page);
    failures.push(...(await scanOpened(page, opened, where)));
    expect(failures).toEqual([]);
    await page.close();
  });
}
