// Cross-site request defences and security headers: cookie-authenticated mutations from another site are
// refused on every mutating route (enumerated from the filesystem), as are their non-JSON bodies (415), session cookies are HttpOnly and
// SameSite=Lax, and pages and API responses carry CSP (frame-ancestors, no inline scripts; the nonces are
// e2e/security/csp.spec.ts), nosniff, Referrer-Policy and, over https, HSTS. See docs/security.md.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { uniqueEmail, USER_PASSWORD } from "../fixtures/env";
import { isMutation, listRouteOperations, operationKey } from "./app-routes";
import { fillRoute } from "./fills";
import { adminPrincipal, baseUrl, disposePrincipals, signInWithApi, type TPrincipal } from "./principals";

const mutations = listRouteOperations().filter((op) => op.auth !== null && isMutation(op.method));

let admin: TPrincipal;
test.beforeAll(async ({ playwright }) => {
  admin = await adminPrincipal(playwright);
});
test.afterAll(async () => disposePrincipals(admin));

const send = (client: APIRequestContext, op: (typeof mutations)[number], headers: Record<string, string>) =>
  client.fetch(fillRoute(op.route), { method: op.method, data: {}, headers, maxRedirects: 0 });

const errorOf = async (response: APIResponse) => ((await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }).error;

test("every cookie-authenticated mutation from another site is refused with 403", async () => {
  expect(mutations.length).toBeGreaterThan(20);
  const failures: string[] = [];
  const crossSite: Record<string, Record<string, string>> = {
    "Origin: https://evil.example": { origin: "https://evil.example" },
    "Origin: null": { origin: "null" },
    "Origin of another port": { origin: baseUrl().replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`) },
    "Sec-Fetch-Site: cross-site, no Origin": { "sec-fetch-site": "cross-site" },
    "Sec-Fetch-Site: same-site, no Origin": { "sec-fetch-site": "same-site" },
  };
  for (const op of mutations) {
    for (const [label, headers] of Object.entries(crossSite)) {
      const response = await send(admin.session, op, headers);
      const error = await errorOf(response);
      if (response.status() !== 403 || error?.message !== "Cross-site request refused") {
        failures.push(`${operationKey(op)} with ${label}: ${response.status()} ${error?.message ?? ""}`);
      }
    }
    // Control: the same request from the portal's own origin passes the check (and fails later: unknown id / empty body).
    const sameOrigin = await send(admin.session, op, { origin: baseUrl() });
    if (sameOrigin.status() === 403 || sameOrigin.status() >= 500) failures.push(`${operationKey(op)} from the same origin: ${sameOrigin.status()}`);
  }
  expect(failures).toEqual([]);
});

test("a cookie-authenticated mutation whose body is not application/json gets 415; body-less and bearer-token calls do not", async () => {
  const failures: string[] = [];
  const bodies: Record<string, string> = {
    "text/plain": "{}",
    "application/x-www-form-urlencoded": "name=x",
    "multipart/form-data; boundary=x": "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--x--\r\n",
  };
  for (const op of mutations) {
    const url = fillRoute(op.route);
    for (const [type, body] of Object.entries(bodies)) {
      const response = await admin.session.fetch(url, { method: op.method, data: body, headers: { origin: baseUrl(), "content-type": type }, maxRedirects: 0 });
      const error = await errorOf(response);
      if (response.status() !== 415 || error?.code !== "unsupported_media_type" || !response.headers()["content-type"]?.startsWith("application/problem+json")) {
        failures.push(`${operationKey(op)} with a ${type} body: ${response.status()} ${error?.code ?? ""}`);
      }
    }
    // As the portal sends DELETEs and empty POSTs: no body, no content type. Past the check, then 400 or 404.
    const bodyless = await admin.session.fetch(url, { method: op.method, headers: { origin: baseUrl() }, maxRedirects: 0 });
    if (bodyless.status() === 415 || bodyless.status() >= 500) failures.push(`${operationKey(op)} without a body: ${bodyless.status()}`);
    // A bearer token is not an ambient credential: its content type is not checked here.
    const token = await admin.api.fetch(url, { method: op.method, data: "{}", headers: { "content-type": "text/plain" }, maxRedirects: 0 });
    if (token.status() === 415 || token.status() >= 500) failures.push(`${operationKey(op)} with a token and a text/plain body: ${token.status()}`);
  }
  expect(failures).toEqual([]);
});

test("bearer-token mutations are not subject to the origin check (tokens are not ambient credentials)", async () => {
  const response = await admin.api.post("/api/v1/tokens", { data: {}, headers: { origin: "https://evil.example" } });
  expect(response.status()).toBe(400);
});

test("sign-in sets only HttpOnly, SameSite=Lax cookies", async ({ playwright }) => {
  const email = uniqueEmail("cookies");
  expect((await admin.api.post("/api/v1/portal-users", { data: { name: "Cookie Check", email, password: USER_PASSWORD, role: "viewer" } })).status()).toBe(201);
  const { session, response } = await signInWithApi(playwright, email, USER_PASSWORD);
  expect(response.status()).toBe(200);
  const cookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
  expect(cookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
  for (const cookie of cookies) {
    const attributes = cookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes, cookie.split("=")[0]).toContain("httponly");
    expect(attributes, cookie.split("=")[0]).toContain("samesite=lax");
    expect(attributes, cookie.split("=")[0]).toContain("path=/");
  }
  // The csrf cookie set by GET /api/auth/csrf follows the same rules.
  const state = await session.storageState();
  for (const cookie of state.cookies) {
    expect(cookie.httpOnly, cookie.name).toBe(true);
    expect(cookie.sameSite, cookie.name).toBe("Lax");
  }
  await session.dispose();
});

const expectSecurityHeaders = (response: APIResponse, what: string) => {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: Content-Security-Policy`).toMatch(/frame-ancestors 'none'/);
  expect(csp, `${what}: Content-Security-Policy`).toMatch(/default-src 'self'/);
  expect(csp, `${what}: Content-Security-Policy`).toMatch(/object-src 'none'/);
  expect(csp, `${what}: Content-Security-Policy`).toMatch(/(^|; )script-src 'self'/);
  expect(/script-src [^;]*/.exec(csp)?.[0], `${what}: script-src`).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toMatch(/^(strict-origin-when-cross-origin|strict-origin|same-origin|no-referrer)$/);
  expect(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-powered-by"], `${what}: X-Powered-By`).toBeUndefined();
};

test("security headers on pages, API responses and error responses", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext();
  expectSecurityHeaders(await anonymous.get("/login"), "page /login");
  expectSecurityHeaders(await anonymous.get("/", { maxRedirects: 0 }), "redirect of /");
  expectSecurityHeaders(await anonymous.get("/no-such-page"), "404 page");
  expectSecurityHeaders(await anonymous.get("/api/v1/health"), "GET /api/v1/health");
  expectSecurityHeaders(await anonymous.get("/api/v1/me"), "401 of GET /api/v1/me");
  expectSecurityHeaders(await admin.api.get("/api/v1/alerts?severity=nope"), "400 of GET /api/v1/alerts");
  expectSecurityHeaders(await admin.session.get("/settings/users"), "page /settings/users (admin)");
  await anonymous.dispose();
});

test("HSTS is sent over https (X-Forwarded-Proto from the trusted proxy), never over plain http", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext();
  for (const path of ["/login", "/api/v1/health"]) {
    const overHttps = await anonymous.get(path, { headers: { "x-forwarded-proto": "https" } });
    const hsts = overHttps.headers()["strict-transport-security"] ?? "";
    expect(hsts, path).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1]), path).toBeGreaterThanOrEqual(180 * 24 * 3600);
    expect(hsts, path).toMatch(/includeSubDomains/i);
    expect((await anonymous.get(path)).headers()["strict-transport-security"], path).toBeUndefined();
  }
  await anonymous.dispose();
});
