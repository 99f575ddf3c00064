// Fuzz of every /api/v1 handler (enumerated from app/api/v1/**/route.ts): at least 300 malformed inputs
// each, derived from GET /api/v1/openapi.json, sent with an admin token. Every answer must be < 500, a 4xx
// must be problem+json with error.code and error.message, and the status must be the one withRoute owes
// (400 invalid path/query/body, 413 over 1 MB) as decided by the handler's own zod schemas. Deterministic:
// WATCHPOST_FUZZ_SEED (default below) seeds every choice. See docs/security.md.
import { expect, test, type APIResponse } from "@playwright/test";
import { isMutation, listRouteOperations, operationKey, type TRouteOperation } from "./app-routes";
import { unknownValues } from "./fills";
import { buildCases, type TFuzzCase, type TOpenApiOperation } from "./fuzz/cases";
import { oracleFor } from "./fuzz/oracle";
import { createRng, seedOf, seededUuid } from "./fuzz/prng";
import { adminPrincipal, disposePrincipals, type TPrincipal } from "./principals";

const SEED = Number(process.env.WATCHPOST_FUZZ_SEED ?? 20261124);
const MIN_CASES = 300;
const MAX_CASES = 300;
const CONCURRENCY = 6;
/**
 * Operations a user may run only so many at a time (docs/security.md, expensive reads): sent at that concurrency,
 * so that valid inputs reach the handler instead of a 429.
 */
const PER_USER_CONCURRENCY: Readonly<Record<string, number>> = { "GET /api/v1/activities/export": 2, "POST /api/v1/policies/preview": 2 };

/** Paths filled with a REAL resource so the body reaches its schema; bodies are then always invalid. */
const REAL_FILLS: Readonly<Record<string, Record<string, string>>> = {
  // An unknown tag is a 400 at the path: use a real one, never with a valid body (that would replace the list).
  "PUT /api/v1/threat-lists/[tag]": { tag: "spam" },
};

/**
 * Collection POSTs that may receive a schema-valid body because it changes nothing: read-only, or every
 * reference in the fuzzed body is an unknown id. Every other create endpoint only ever gets invalid bodies.
 */
const SAFE_WHEN_VALID: Readonly<Record<string, string>> = {
  "POST /api/v1/policies/preview": "read-only",
  "POST /api/v1/alerts/bulk": "ids are unknown: nothing to update",
  "POST /api/v1/incidents/bulk": "ids are unknown: nothing to update",
  "POST /api/v1/secure-score/refresh": "connectorId is unknown: 404",
  // Bodyless actions whose valid call is harmless here: nothing in the e2e data is past retention once the retention
  // spec has run (a concurrent run is skipped), and the SSO specs remove their connections when done (then 404).
  "POST /api/v1/retention/run": "removes only what is past retention; concurrent runs are skipped",
  "DELETE /api/v1/sso/oidc": "removes the OIDC connection the SSO spec left, then 404",
  "DELETE /api/v1/sso/saml": "no SAML connection is left by the SAML spec: 404",
};

const operations = listRouteOperations().filter((op) => op.route.startsWith("/api/v1/") && op.auth !== null);

type TOpenApi = { paths: Record<string, Record<string, TOpenApiOperation>> };
let admin: TPrincipal;
let document: TOpenApi;
const cursors = new Map<string, string[]>();
const summary: { operation: string; cases: number; statuses: Record<string, number>; ms: number; buildMs: number }[] = [];

test.beforeAll(async ({ playwright }) => {
  admin = await adminPrincipal(playwright);
  document = (await (await admin.api.get("/api/v1/openapi.json")).json()) as TOpenApi;
  // Real cursors (two pages deep) of every list without path parameters, for tampering and cross-use.
  for (const op of operations) {
    const parameters = document.paths[op.template]?.get?.parameters ?? [];
    if (op.method !== "GET" || op.route.includes("[") || !parameters.some((p) => p.name === "cursor")) continue;
    const found: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 2; page++) {
      const query = new URLSearchParams(parameters.some((p) => p.name === "limit") ? { limit: "1" } : {});
      if (cursor) query.set("cursor", cursor);
      const response = await admin.api.get(`${op.route}?${query}`);
      cursor = response.ok() ? (((await response.json()) as { nextCursor?: string | null }).nextCursor ?? null) : null;
      if (!cursor) break;
      found.push(cursor);
    }
    cursors.set(operationKey(op), found);
  }
});

test.afterAll(async () => {
  await disposePrincipals(admin);
  if (summary.length) {
    const total = summary.reduce((n, s) => n + s.cases, 0);
    console.log(`fuzz (seed ${SEED}): ${total} requests over ${summary.length} operations`);
    console.table(summary.map((s) => ({ operation: s.operation, cases: s.cases, build: (s.buildMs / 1000).toFixed(1), send: (s.ms / 1000).toFixed(1), statuses: Object.entries(s.statuses).map(([k, v]) => `${k}×${v}`).join(" ") })));
  }
});

const runPool = async <T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
};

/** What is wrong with one answer, or null. */
const judge = async (c: TFuzzCase, response: APIResponse): Promise<string | null> => {
  const status = response.status();
  const problems: string[] = [];
  if (status >= 500) problems.push("server error");
  if (typeof c.expected.status === "number" && status !== c.expected.status) problems.push(`expected ${c.expected.status} (${c.expected.why})`);
  if (c.expected.status === "4xx" && (status < 400 || status >= 500)) problems.push(`expected a 4xx (${c.expected.why})`);
  if (status >= 300 && status < 400) problems.push("redirect");
  if (status >= 400) {
    const type = response.headers()["content-type"] ?? "";
    const text = await response.text();
    let error: { code?: unknown; message?: unknown } | undefined;
    try {
      error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    } catch {
      error = undefined;
    }
    if (!type.includes("json")) problems.push(`content-type ${type || "(none)"}`);
    if (typeof error?.code !== "string" || typeof error.message !== "string" || !error.message) problems.push(`no error.code/error.message: ${text.slice(0, 120)}`);
  }
  if (!problems.length) return null;
  const body = status >= 400 ? "" : ` ${(await response.text()).slice(0, 120)}`;
  return `${status} ${c.method} ${c.url.slice(0, 160)} [${c.label.slice(0, 160)}]: ${problems.join("; ")}${body}`;
};

const contextFor = async (op: TRouteOperation) => {
  const key = operationKey(op);
  const rng = createRng(seedOf(key, SEED));
  const real = REAL_FILLS[key];
  const baseParams = Object.fromEntries(Object.entries(unknownValues(op.route)).map(([name, value]) => [name, /^[0-9a-f-]{36}$/.test(value) ? seededUuid(rng) : value]));
  const hasPath = Object.keys(baseParams).length > 0;
  const isUnknownResource = hasPath && !real;
  const oracle = await oracleFor(op);
  const mustStayInvalid = isMutation(op.method) && !isUnknownResource && !SAFE_WHEN_VALID[key];
  if (mustStayInvalid && op.method !== "DELETE" && !oracle.body) throw new Error(`${key}: no body schema found, so the fuzz cannot keep its bodies invalid; add it to REAL_FILLS/SAFE_WHEN_VALID or give the route a named body schema`);
  const foreignCursors = [...cursors.entries()].filter(([k]) => k !== key).flatMap(([, list]) => list);
  return {
    op,
    operation: document.paths[op.template]?.[op.method.toLowerCase()],
    oracle,
    rng,
    baseParams: { ...baseParams, ...real },
    isUnknownResource,
    mustStayInvalid,
    cursors: cursors.get(key) ?? [],
    foreignCursors,
    minCases: MIN_CASES,
    maxCases: MAX_CASES,
  };
};

for (const op of operations) {
  test(`fuzz ${operationKey(op)}: ≥${MIN_CASES} malformed inputs → 4xx problem+json, never 5xx`, async () => {
    test.setTimeout(240_000);
    expect(document.paths[op.template]?.[op.method.toLowerCase()], `${operationKey(op)} is not in the OpenAPI document`).toBeTruthy();
    const ctx = await contextFor(op);
    if (op.method === "DELETE" && ctx.mustStayInvalid) throw new Error(`${operationKey(op)}: a DELETE of a real resource cannot be fuzzed safely`);
    const building = Date.now();
    const cases = await buildCases(ctx);
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);

    const started = Date.now();
    const buildMs = started - building;
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    await runPool(cases, PER_USER_CONCURRENCY[operationKey(op)] ?? CONCURRENCY, async (c) => {
      try {
        const response = await admin.api.fetch(c.url, { method: c.method, headers: c.headers, data: c.body, maxRedirects: 0, timeout: 30_000 });
        statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
        const problem = await judge(c, response);
        if (problem) failures.push(problem);
      } catch (error) {
        failures.push(`no answer: ${c.method} ${c.url.slice(0, 160)} [${c.label.slice(0, 160)}]: ${(error as Error).message.split("\n")[0]}`);
      }
    });
    summary.push({ operation: operationKey(op), cases: cases.length, statuses, ms: Date.now() - started, buildMs });
    expect(failures.slice(0, 40), `${failures.length} of ${cases.length} inputs failed`).toEqual([]);
  });
}
