// Content-Security-Policy with nonces: every HTML page (enumerated from the filesystem) carries a fresh nonce
// in script-src with 'strict-dynamic' and no 'unsafe-inline'/'unsafe-eval', every <script> in it carries that
// nonce, other responses keep a static policy without inline scripts, and in Chromium the app runs without a
// single violation while injected inline scripts are refused. See docs/security.md.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ADMIN, signInWithForm } from "../fixtures/env";
import { listPages } from "./app-routes";
import { watchCspViolations } from "./csp-violations";
import { fillRoute } from "./fills";
import { adminPrincipal, disposePrincipals, type TPrincipal } from "./principals";

let admin: TPrincipal;
let anonymous: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  admin = await adminPrincipal(playwright);
  anonymous = await playwright.request.newContext();
});
test.afterAll(async () => {
  await disposePrincipals(admin);
  await anonymous?.dispose();
});

const cspHeaders = (response: APIResponse) => response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy").map((h) => h.value);
const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";

/** Checks one HTML response; returns its nonce, or pushes what is wrong to `failures`. */
const checkPage = async (response: APIResponse, what: string, failures: string[]): Promise<string | undefined> => {
  const fail = (problem: string) => void failures.push(`${what} (${response.status()}): ${problem}`);
  if (!response.headers()["content-type"]?.startsWith("text/html")) return fail(`not HTML but ${response.headers()["content-type"]}`), undefined;
  const policies = cspHeaders(response);
  if (policies.length !== 1) return fail(`${policies.length} Content-Security-Policy headers`), undefined;
  const directive = scriptSrc(policies[0] ?? "");
  const nonce = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(directive)?.[1];
  if (!nonce || nonce.length < 22) fail(`no nonce of 128 bits in "${directive}"`);
  if (!directive.includes("'strict-dynamic'")) fail(`no 'strict-dynamic' in "${directive}"`);
  if (/'unsafe-(inline|eval)'/.test(directive)) fail(`unsafe source in "${directive}"`);
  if (response.headers()["x-nonce"]) fail("x-nonce is a request header, sent back in the response");
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  if (scripts.length === 0) fail("no <script> at all (the check would be empty)");
  for (const tag of scripts) if (!tag.includes(` nonce="${nonce}"`)) fail(`a script without the page's nonce: ${tag.slice(0, 120)}`);
  return nonce;
};

test("every page is HTML with one CSP: a fresh nonce, 'strict-dynamic', no unsafe sources, on every <script>", async () => {
  const failures: string[] = [];
  const pages = listPages().filter((p) => p.requiresUser);
  expect(pages.length).toBeGreaterThan(15);
  for (const page of pages) {
    const url = fillRoute(page.route);
    const first = await checkPage(await admin.session.get(url, { maxRedirects: 0 }), `${url} as admin`, failures);
    const second = await checkPage(await admin.session.get(url, { maxRedirects: 0 }), `${url} as admin, again`, failures);
    if (first && first === second) failures.push(`${url}: the same nonce twice (${first})`);
  }
  // Signed out: the sign-in page, the closed setup page (404), Next's 404 page, /api itself and /favicon.ico (page paths).
  const nonces = new Set<string | undefined>();
  for (const url of ["/login", "/setup", "/no-such-page", "/api", "/favicon.ico"]) nonces.add(await checkPage(await anonymous.get(url, { maxRedirects: 0 }), `${url} signed out`, failures));
  expect(failures).toEqual([]);
  expect(nonces.size).toBe(5);
});

test("API answers, unknown API paths, static files and router prefetches keep a static CSP without inline scripts", async () => {
  const html = await (await anonymous.get("/login")).text();
  const chunk = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeTruthy();
  const responses: Record<string, APIResponse> = {
    "GET /api/v1/health": await anonymous.get("/api/v1/health"),
    "GET /api/v1/me (401)": await anonymous.get("/api/v1/me"),
    "GET /api/v1/no-such-endpoint": await admin.api.get("/api/v1/no-such-endpoint"),
    "POST /api/no/such/endpoint": await admin.api.post("/api/no/such/endpoint", { data: {} }),
    [`GET ${chunk}`]: await anonymous.get(chunk ?? ""),
    "GET /icon.svg": await anonymous.get("/icon.svg"),
    // Followed through Next's redirect to /login?_rsc=…: the RSC payload itself.
    "router prefetch of /login": await anonymous.get("/login", { headers: { rsc: "1", "next-router-prefetch": "1" } }),
  };
  expect(responses["router prefetch of /login"]?.headers()["content-type"]).toMatch(/^text\/x-component/);
  for (const [what, response] of Object.entries(responses)) {
    const policies = cspHeaders(response);
    expect(policies, what).toHaveLength(1);
    expect(scriptSrc(policies[0] ?? ""), what).toBe("script-src 'self'");
    expect(policies[0], what).toMatch(/default-src 'self'.*frame-ancestors 'none'.*object-src 'none'/);
  }
  // Unknown API paths answer problem+json, not Next's HTML 404 page.
  for (const what of ["GET /api/v1/no-such-endpoint", "POST /api/no/such/endpoint"]) {
    const response = responses[what];
    expect(response?.status(), what).toBe(404);
    expect(response?.headers()["content-type"], what).toMatch(/^application\/problem\+json/);
    expect(((await response?.json()) as { error?: { code?: string } }).error?.code, what).toBe("not_found");
  }
});

test("a nonce sent by the client is ignored: the page's nonce comes from the server only", async () => {
  const forged = "Zm9yZ2VkLW5vbmNlLXZhbHVl";
  const page = await anonymous.get("/login", { headers: { "x-nonce": forged, "content-security-policy": `script-src 'nonce-${forged}'` } });
  const failures: string[] = [];
  expect(await checkPage(page, "/login with a forged nonce", failures)).not.toBe(forged);
  expect(failures).toEqual([]);
});

test("in Chromium the app runs under the policy without a violation; injected inline scripts and handlers are refused", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchCspViolations(context);
  const page = await context.newPage();
  // The sign-in form (next-auth, react-hook-form + zod), then the dashboard (react-query, Recharts).
  await signInWithForm(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("kpi-activities")).toBeVisible();
  // Next's router (so React and its chunks) runs: a link click navigates without reloading the document.
  await page.evaluate(() => ((window as unknown as { __sameDocument?: number }).__sameDocument = 1));
  await page.getByRole("link", { name: "Alerts" }).first().click();
  await expect(page.getByRole("heading", { name: "Alerts", exact: true }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(1);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);

  // What a stored XSS would add, without the nonce: an inline script and an inline handler in the page as served
  // (a rewritten response that keeps its CSP header), then a handler added through the DOM (innerHTML-style).
  // Not page.addScriptTag, nor a script element appended from page.evaluate: both ran in Chromium (Playwright copies
  // the page's nonce onto its tag; the appended one is not parser-inserted), and only code already running could do either.
  const flags = () =>
    page.evaluate(() => {
      const flagged = window as unknown as { __injected?: number; __handler?: number };
      return [flagged.__injected, flagged.__handler];
    });
  await page.route(
    (url) => url.pathname === "/settings/tokens",
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", `<script>window.__injected = 1</script><img src="/icon.svg?served" onload="window.__handler = 1"></body>`);
      await route.fulfill({ response, body });
    },
  );
  await page.goto("/settings/tokens");
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
  expect(await flags()).toEqual([undefined, undefined]);
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/icon.svg?dom" onload="window.__handler = 2">`));
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(3);
  expect(await flags()).toEqual([undefined, undefined]);
  expect(violations.filter((v) => /script-src-elem refused inline/.test(v))).toHaveLength(1);
  expect(violations.filter((v) => /script-src-attr refused inline/.test(v))).toHaveLength(2);
  await context.close();
});
