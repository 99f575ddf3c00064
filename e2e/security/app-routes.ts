// Every route handler and page of the app, read from the filesystem when the tests run, so that a new
// app/**/route.ts or app/**/page.tsx is covered by the security suite without anyone listing it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CONTRACT_AREAS } from "../../lib/shared/contracts";
import type { TRouteContract } from "../../lib/shared/contracts/define-route";

export const ROLES = ["viewer", "analyst", "admin"] as const;
export type TRole = (typeof ROLES)[number];
export type TAuth = TRole | "public";
export type TMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: readonly TMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const RANK: Record<TRole, number> = { viewer: 0, analyst: 1, admin: 2 };

export const rolesBelow = (role: TRole): TRole[] => ROLES.filter((r) => RANK[r] < RANK[role]);
export const isMutation = (method: TMethod) => method !== "GET";

const APP_DIR = path.resolve("app");

/**
 * Handlers that do not go through withRoute, each with the reason. Any other export without withRoute
 * fails the route matrix, so a hand-rolled handler cannot skip auth unnoticed.
 */
export const NON_WITH_ROUTE_ALLOWLIST: Readonly<Record<string, string>> = {
  // next-auth's own endpoints (csrf, session, providers, callback/credentials, signout): public by nature,
  // protected by next-auth's CSRF token; sign-in is throttled (e2e/api/api.spec.ts).
  "GET /api/auth/[...nextauth]": "next-auth",
  "POST /api/auth/[...nextauth]": "next-auth",
  // SAML sign-in (lib/server/auth/saml-endpoints.ts): a redirect to the IdP, and the IdP's signed Response, which
  // is the credential itself (signature, audience, Recipient, InResponseTo and replay checked).
  "GET /api/auth/saml/login": "SAML sign-in start",
  "POST /api/auth/saml/acs": "SAML assertion consumer service",
  // Unknown API paths: a 404 problem+json instead of Next's HTML 404 page (no data, nothing to authorize).
  "GET /api/[...path]": "unknown API path",
  "POST /api/[...path]": "unknown API path",
  "PUT /api/[...path]": "unknown API path",
  "PATCH /api/[...path]": "unknown API path",
  "DELETE /api/[...path]": "unknown API path",
};

/** Routes declared `auth: "public"`, each with the reason. Any other public route fails the matrix. */
export const PUBLIC_ROUTE_ALLOWLIST: Readonly<Record<string, string>> = {
  "GET /api/v1/health": "load balancers and monitoring probe it without credentials",
  "GET /api/v1/openapi.json": "the API description is public (no data)",
  "POST /api/setup": "first-run admin creation; answers 404 once a user exists",
  "GET /api/v1/sso/saml/metadata": "SAML SP metadata: what IdPs fetch to register Watchpost (entity ID, ACS URL; no secret)",
};

/**
 * Mutations a viewer may call: self-service on the caller's own API tokens (services check ownership).
 * Any other mutation declared `auth: "viewer"` fails the matrix.
 */
export const VIEWER_MUTATION_ALLOWLIST: Readonly<Record<string, string>> = {
  "POST /api/v1/tokens": "create one's own API token",
  "DELETE /api/v1/tokens/[id]": "revoke one's own API token (admins: anyone's)",
  "POST /api/v1/me/password": "change one's own password (the current one required; sessions only)",
};

/** Pages that need no sign-in. Any other page without requirePageUser fails the page matrix. */
export const PUBLIC_PAGE_ALLOWLIST: Readonly<Record<string, string>> = {
  "/login": "the sign-in form",
  "/setup": "first-run admin creation; 404 once a user exists",
};

export type TRouteOperation = Readonly<{
  /** App path with Next's segment syntax, e.g. /api/v1/alerts/[id]/comments. */
  route: string;
  /** OpenAPI-style template, e.g. /api/v1/alerts/{id}/comments. */
  template: string;
  method: TMethod;
  /** The `auth` of the contract it runs on; null when the export does not use withRoute. */
  auth: TAuth | null;
  /** The contract named in `withRoute(<area>.<name>, …)` (lib/shared/contracts); undefined without withRoute. */
  contract: TRouteContract | undefined;
  file: string;
}>;

export type TPage = Readonly<{
  route: string;
  file: string;
  /** Whether the page calls requirePageUser (sign-in required). */
  requiresUser: boolean;
  /** The `role` it passes to requirePageUser, else viewer. */
  role: TRole;
}>;

const walk = (dir: string, name: string, out: string[] = []): string[] => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, name, out);
    else if (entry.name === name) out.push(full);
  }
  return out;
};

/** URL path of a route or page folder: route groups "(x)" and private folders vanish. */
const routeOf = (file: string): string => {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return "/" + segments.join("/");
};

export const toTemplate = (route: string) => route.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");

/**
 * Every exported method of app/**\/route.ts, with the contract its withRoute call names and so the auth level it
 * declares (the unit test lib/server/http/route-contracts.test.ts checks each file runs on its own method and path).
 */
export const listRouteOperations = (): TRouteOperation[] => {
  const operations: TRouteOperation[] = [];
  for (const file of walk(APP_DIR, "route.ts").sort()) {
    const source = readFileSync(file, "utf8");
    const route = routeOf(file);
    const exportPattern = /export\s+(?:const\s+(GET|POST|PUT|PATCH|DELETE)\s*=|(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b)/g;
    const found = [...source.matchAll(exportPattern)];
    found.forEach((match, i) => {
      const method = (match[1] ?? match[2]) as TMethod;
      const rest = source.slice(match.index + match[0].length, found[i + 1]?.index ?? source.length);
      const named = Boolean(match[1]) ? /^\s*withRoute\s*\(\s*(\w+)\.(\w+)\s*,/.exec(rest) : null;
      const contract = named ? CONTRACT_AREAS[named[1] ?? ""]?.[named[2] ?? ""] : undefined;
      operations.push({ route, template: toTemplate(route), method, auth: contract?.auth ?? null, contract, file: path.relative(process.cwd(), file) });
    });
  }
  return operations.sort((a, b) => a.route.localeCompare(b.route) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
};

/** Every app/**\/page.tsx with the role its requirePageUser call asks for. */
export const listPages = (): TPage[] =>
  walk(APP_DIR, "page.tsx")
    .sort()
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const call = /requirePageUser\(\s*\{([\s\S]*?)\}\s*\)/.exec(source);
      const role = (/\brole:\s*"(viewer|analyst|admin)"/.exec(call?.[1] ?? "")?.[1] as TRole | undefined) ?? "viewer";
      return { route: routeOf(file), file: path.relative(process.cwd(), file), requiresUser: Boolean(call), role };
    });

export const operationKey = (op: Readonly<{ method: string; route: string }>) => `${op.method} ${op.route}`;
