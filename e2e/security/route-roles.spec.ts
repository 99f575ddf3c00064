// Route/role matrix: every app/**/route.ts export and every app/**/page.tsx, enumerated from the filesystem,
// is called signed out, as a viewer, an analyst and an admin (personal API tokens and sessions), and must
// answer exactly what its declared role allows. See docs/security.md.
import { expect, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { USER_PASSWORD } from "../fixtures/env";
import {
  isMutation,
  listPages,
  listRouteOperations,
  NON_WITH_ROUTE_ALLOWLIST,
  operationKey,
  PUBLIC_PAGE_ALLOWLIST,
  PUBLIC_ROUTE_ALLOWLIST,
  ROLES,
  rolesBelow,
  toTemplate,
  VIEWER_MUTATION_ALLOWLIST,
  type TMethod,
  type TPage,
  type TRole,
  type TRouteOperation,
} from "./app-routes";
import { watchCspViolations } from "./csp-violations";
import { fillRoute, hasDynamicSegment } from "./fills";
import { startSamlTestIdp, type TSamlTestIdp } from "../../lib/testing/saml-test-idp";
import { adminPrincipal, createPrincipal, createSsoPrincipals, disposePrincipals, signInWithApi, type TPrincipal } from "./principals";

const operations = listRouteOperations();
const guarded = operations.filter((op) => op.auth !== null);
const pages = listPages();

let admin: TPrincipal;
let analyst: TPrincipal;
let viewer: TPrincipal;
let anonymous: APIRequestContext;
let idp: TSamlTestIdp | undefined;
/** Users of each role created by a real SSO (SAML) sign-in. */
let sso: Record<TRole, TPrincipal>;
const byRole = (role: TRole): TPrincipal => ({ admin, analyst, viewer })[role];

test.beforeAll(async ({ playwright }) => {
  admin = await adminPrincipal(playwright);
  analyst = await createPrincipal(playwright, admin, "analyst");
  viewer = await createPrincipal(playwright, admin, "viewer");
  anonymous = await playwright.request.newContext();
  idp = await startSamlTestIdp({ users: {} });
  sso = await createSsoPrincipals(playwright, admin, idp);
});
test.afterAll(async () => {
  await disposePrincipals(admin, analyst, viewer, ...(sso ? Object.values(sso) : []));
  await anonymous?.dispose();
  await idp?.close();
});

/** One call of an operation with unknown ids and an empty JSON body: never changes shared state. */
const call = (client: APIRequestContext, op: TRouteOperation, url = fillRoute(op.route)): Promise<APIResponse> =>
  client.fetch(url, { method: op.method, maxRedirects: 0, ...(isMutation(op.method) ? { data: {} } : {}) });

const problemCode = async (response: APIResponse): Promise<string | undefined> => {
  try {
    return ((await response.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

test("every route handler goes through withRoute (or is allowlisted) and declares the role the OpenAPI document names", async ({ request }) => {
  const failures: string[] = [];
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-minimum-role"?: string; security?: unknown[] }>> };
  for (const op of operations) {
    const key = operationKey(op);
    if (op.auth === null) {
      if (!NON_WITH_ROUTE_ALLOWLIST[key]) failures.push(`${key} (${op.file}): does not use withRoute({ auth, … }) and is not in NON_WITH_ROUTE_ALLOWLIST`);
      continue;
    }
    if (op.auth === "public" && !PUBLIC_ROUTE_ALLOWLIST[key]) failures.push(`${key}: declared auth "public" but not in PUBLIC_ROUTE_ALLOWLIST`);
    if (op.auth === "viewer" && isMutation(op.method) && !VIEWER_MUTATION_ALLOWLIST[key]) failures.push(`${key}: a mutation open to viewers, not in VIEWER_MUTATION_ALLOWLIST`);
    if (!op.route.startsWith("/api/v1/")) continue;
    const documented = document.paths[op.template]?.[op.method.toLowerCase()];
    if (!documented) failures.push(`${key}: missing from GET /api/v1/openapi.json`);
    else if ((documented["x-minimum-role"] ?? "public") !== op.auth) failures.push(`${key}: declares ${op.auth}, the OpenAPI document says ${documented["x-minimum-role"] ?? "no auth"}`);
  }
  const keys = new Set(operations.map(operationKey));
  for (const allowlist of [NON_WITH_ROUTE_ALLOWLIST, PUBLIC_ROUTE_ALLOWLIST, VIEWER_MUTATION_ALLOWLIST]) {
    for (const key of Object.keys(allowlist)) if (!keys.has(key)) failures.push(`allowlist entry ${key} names no route (stale)`);
  }
  expect(failures).toEqual([]);
  expect(guarded.length).toBeGreaterThan(40);
});

test("signed out: every non-public route answers 401 JSON; public ones never 401/403", async () => {
  const failures: string[] = [];
  for (const op of guarded) {
    const response = await call(anonymous, op);
    const status = response.status();
    if (op.auth === "public") {
      if (status === 401 || status === 403 || status >= 500) failures.push(`${operationKey(op)}: public route answered ${status}`);
    } else if (status !== 401 || (await problemCode(response)) !== "unauthenticated") {
      failures.push(`${operationKey(op)}: expected 401 unauthenticated, got ${status} ${(await response.text()).slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
});

test("each role below a route's declared one gets 403; the declared role is let through", async () => {
  const failures: string[] = [];
  for (const op of guarded) {
    if (op.auth === "public" || op.auth === null) continue;
    const below = rolesBelow(op.auth);
    // A viewer never mutates (except the allowlisted self-service token routes).
    if (isMutation(op.method) && op.auth === "viewer" && !VIEWER_MUTATION_ALLOWLIST[operationKey(op)]) below.push("viewer");
    for (const role of below) {
      const response = await call(byRole(role).api, op);
      if (response.status() !== 403 || (await problemCode(response)) !== "forbidden") {
        failures.push(`${operationKey(op)} as ${role} (declared ${op.auth}): expected 403, got ${response.status()} ${(await response.text()).slice(0, 120)}`);
      }
    }
    const allowed = await call(byRole(op.auth).api, op);
    if ([401, 403].includes(allowed.status()) || allowed.status() >= 500) {
      failures.push(`${operationKey(op)} as ${op.auth} (its declared role): got ${allowed.status()} ${(await allowed.text()).slice(0, 120)}`);
    }
  }
  expect(failures).toEqual([]);
});

test("the same matrix holds for cookie sessions of each role", async () => {
  const failures: string[] = [];
  for (const op of guarded) {
    if (op.auth === "public" || op.auth === null) continue;
    for (const role of ROLES) {
      const isAllowed = ROLES.indexOf(role) >= ROLES.indexOf(op.auth);
      const response = await byRole(role).session.fetch(fillRoute(op.route), {
        method: op.method,
        maxRedirects: 0,
        headers: { origin: test.info().project.use.baseURL ?? "" },
        ...(isMutation(op.method) ? { data: {} } : {}),
      });
      const status = response.status();
      if (isAllowed ? [401, 403].includes(status) || status >= 500 : status !== 403) {
        failures.push(`${operationKey(op)} as ${role} session (declared ${op.auth}): got ${status}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("SSO-created users of each role get the same matrix, by session and by token", async () => {
  const failures: string[] = [];
  for (const op of guarded) {
    if (op.auth === "public" || op.auth === null) continue;
    const isViewerMutation = isMutation(op.method) && op.auth === "viewer" && !VIEWER_MUTATION_ALLOWLIST[operationKey(op)];
    for (const role of ROLES) {
      const isAllowed = ROLES.indexOf(role) >= ROLES.indexOf(op.auth) && !(isViewerMutation && role === "viewer");
      for (const [via, client] of [["session", sso[role].session], ["token", sso[role].api]] as const) {
        const response = await client.fetch(fillRoute(op.route), {
          method: op.method,
          maxRedirects: 0,
          headers: { origin: test.info().project.use.baseURL ?? "" },
          ...(isMutation(op.method) ? { data: {} } : {}),
        });
        const status = response.status();
        if (isAllowed ? [401, 403].includes(status) || status >= 500 : status !== 403) failures.push(`${operationKey(op)} as SSO ${role} ${via} (declared ${op.auth}): got ${status}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("a token and a session of a user who is then disabled get 401 everywhere", async ({ playwright }) => {
  const doomed = await createPrincipal(playwright, admin, "analyst");
  expect((await doomed.api.get("/api/v1/me")).status()).toBe(200);
  const disabled = await admin.api.patch(`/api/v1/portal-users/${doomed.userId}`, { data: { disabled: true } });
  expect(disabled.status(), await disabled.text()).toBe(200);

  const failures: string[] = [];
  for (const op of guarded) {
    if (op.auth === "public" || op.auth === null) continue;
    for (const [via, client] of [["token", doomed.api], ["session", doomed.session]] as const) {
      const response = await call(client, op);
      if (response.status() !== 401) failures.push(`${operationKey(op)} with the disabled user's ${via}: got ${response.status()}`);
    }
  }
  expect(failures).toEqual([]);
  // Signing in again is refused too.
  const { session, response } = await signInWithApi(playwright, doomed.email, USER_PASSWORD);
  expect(response.status()).toBe(401);
  await session.dispose();
  await disposePrincipals(doomed);
});

/** Real ids for dynamic pages, so detail pages are also opened with data; new pages fall back to unknown ids. */
const realValues = async (route: string): Promise<Record<string, string> | null> => {
  const first = async (url: string, pick: (body: unknown) => string | undefined) => {
    const response = await admin.api.get(url);
    return response.ok() ? pick(await response.json()) : undefined;
  };
  const firstOf = (body: unknown) => ((body as { data?: { id?: string }[] }).data ?? [])[0]?.id;
  const lookups: Record<string, () => Promise<string | undefined>> = {
    "/alerts/[id]": () => first("/api/v1/alerts?limit=1", firstOf),
    "/incidents/[id]": () => first("/api/v1/incidents?limit=1", firstOf),
    "/connectors/[id]": () => first("/api/v1/connectors", firstOf),
    // The page edits custom policies only (built-ins are edited in place on /policies).
    "/policies/[id]": () => first("/api/v1/policies", (b) => ((b as { data?: { id: string; kind?: string }[] }).data ?? []).find((p) => p.kind === "custom")?.id),
    "/users/[id]": () => first("/api/v1/users?limit=1", firstOf),
    "/settings/notifications/[id]": () => first("/api/v1/notification-channels", firstOf),
    "/posture/[key]": async () => {
      const connectorId = await first("/api/v1/connectors", firstOf);
      return connectorId ? first(`/api/v1/recommendations?connectorId=${connectorId}`, (b) => (Array.isArray(b) ? (b[0] as { key?: string })?.key : undefined)) : undefined;
    },
  };
  const lookup = lookups[route];
  const value = lookup ? await lookup() : undefined;
  const segment = /\[(\w+)\]/.exec(route)?.[1];
  return value && segment ? { [segment]: value } : null;
};

test("signed out: every page redirects to /login (public pages excepted)", async () => {
  const failures: string[] = [];
  for (const page of pages) {
    if (PUBLIC_PAGE_ALLOWLIST[page.route]) {
      if (page.requiresUser) failures.push(`${page.route}: allowlisted as public but calls requirePageUser`);
      continue;
    }
    if (!page.requiresUser) {
      failures.push(`${page.route} (${page.file}): no requirePageUser call and not in PUBLIC_PAGE_ALLOWLIST`);
      continue;
    }
    const url = fillRoute(page.route);
    const response = await anonymous.get(url, { maxRedirects: 0 });
    const location = response.headers()["location"] ?? "";
    if (![302, 303, 307].includes(response.status()) || !location.startsWith(`/login?callbackUrl=${encodeURIComponent(new URL(url, "http://x").pathname)}`)) {
      failures.push(`${page.route}: expected a redirect to /login, got ${response.status()} → ${location}`);
    }
  }
  expect(failures).toEqual([]);
});

/** React's production hydration-mismatch errors (#418, #423, #425): React recovers by rendering on the client. */
const HYDRATION_MISMATCH = /Minified React error #(418|423|425)\b/;

const openPages = async (browser: Browser, principal: TPrincipal) => {
  const context = await browser.newContext({ storageState: await principal.session.storageState() });
  const violations = await watchCspViolations(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const failures: string[] = [];
  const visit = async (target: TPage, url: string, expected: readonly number[]) => {
    errors.length = 0;
    violations.length = 0;
    const response = await page.goto(url);
    const status = response?.status() ?? 0;
    const crashed = await page.getByRole("heading", { name: "Something went wrong" }).isVisible();
    // Give late hydration (and its mismatch errors) a moment to happen on this page, not the next one.
    await page.waitForLoadState("networkidle", { timeout: 1_000 }).catch(() => undefined);
    const thrown = errors.map((e) => (HYDRATION_MISMATCH.test(e) ? `hydration mismatch (server HTML thrown away): ${e}` : e));
    // A script the page's CSP refuses (one of ours without the nonce, or eval) would leave the page half-working.
    if (!expected.includes(status) || crashed || thrown.length > 0 || violations.length > 0) {
      failures.push(
        `${url} (${target.route}, needs ${target.role}) as ${principal.role}: status ${status}, expected ${expected.join(" or ")}${crashed ? ", error page shown" : ""}${thrown.length ? `, page errors: ${thrown.join(" | ")}` : ""}${violations.length ? `, CSP violations: ${violations.join(" | ")}` : ""}`,
      );
    }
    if (status === 403) await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  };
  for (const target of pages) {
    if (!target.requiresUser) continue;
    const isAllowed = ROLES.indexOf(principal.role) >= ROLES.indexOf(target.role);
    if (!hasDynamicSegment(target.route)) {
      await visit(target, fillRoute(target.route), [isAllowed ? 200 : 403]);
      continue;
    }
    // Unknown id: 404, or a page that says so (403 below the page's role); never an error.
    await visit(target, fillRoute(target.route), isAllowed ? [404, 200] : [403]);
    const values = await realValues(target.route);
    if (values) await visit(target, fillRoute(target.route, values), [isAllowed ? 200 : 403]);
  }
  await context.close();
  return failures;
};

test("a viewer opens every page without an error or CSP violation; pages above viewer answer 403", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(await openPages(browser, viewer)).toEqual([]);
});

test("an analyst gets 403 on admin-only pages and opens the others without a CSP violation", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(await openPages(browser, analyst)).toEqual([]);
});

test("malformed ids in page paths answer 4xx, never 500", async () => {
  const failures: string[] = [];
  for (const page of pages.filter((p) => hasDynamicSegment(p.route))) {
    for (const raw of ["%ED%A0%80", "%", "%zz", "a%00b", "x".repeat(3000), "%3Cscript%3Ealert(1)%3C%2Fscript%3E"]) {
      const url = page.route.replace(/\[(?:\.\.\.)?\w+\]/g, raw);
      for (const [who, client] of [["signed out", anonymous], ["viewer", viewer.session]] as const) {
        const status = (await client.get(url, { maxRedirects: 0 })).status();
        if (status >= 500) failures.push(`${url.slice(0, 80)} (${who}): ${status}`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test("the enumeration sees the routes and pages other areas add (sanity)", () => {
  const methods = new Set<TMethod>(operations.map((op) => op.method));
  expect([...methods].sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
  expect(operations.every((op) => op.template === toTemplate(op.route))).toBe(true);
  expect(pages.length).toBeGreaterThan(15);
});
