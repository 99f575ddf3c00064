// Every app/api/**/route.ts, imported: the exported methods and the contract withRoute attached to each.
import { readdirSync } from "node:fs";
import path from "node:path";
import { HTTP_METHODS, type THttpMethod, type TRouteContract } from "../shared/contracts/define-route";

const APP_DIR = path.resolve(__dirname, "../../app");

/** Route files that do not run on a contract, each with the reason (docs/architecture.md, "Route contracts"). */
export const ROUTES_WITHOUT_CONTRACT: Readonly<Record<string, string>> = {
  "/api/{path}": "the 404 problem+json catch-all for unknown API paths (app/api/[...path])",
  "/api/auth/{nextauth}": "next-auth's own endpoints (app/api/auth/[...nextauth])",
  "/api/auth/saml/login": "SAML sign-in start: a redirect to the IdP, not an API answer (lib/server/auth/saml-endpoints.ts)",
  "/api/auth/saml/acs": "SAML ACS: the IdP's HTML form post, answered with a redirect (lib/server/auth/saml-endpoints.ts)",
};

export type TRouteExport = Readonly<{
  file: string;
  /** The folder as an OpenAPI path template: [id] → {id}, [...path] → {path}. */
  path: string;
  method: THttpMethod;
  /** What withRoute attached to the export; undefined when it is not a withRoute handler. */
  contract: TRouteContract | undefined;
}>;

const walk = (dir: string, out: string[] = []): string[] => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name === "route.ts") out.push(full);
  }
  return out;
};

const templateOf = (file: string) =>
  "/" +
  path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(?:\.\.\.)?(\w+)\]$/, "{$1}"))
    .join("/");

/** Imports each route module (slow: it loads the services behind them) and lists its method exports. */
export const importRouteExports = async (): Promise<TRouteExport[]> => {
  const found: TRouteExport[] = [];
  for (const file of walk(path.join(APP_DIR, "api")).sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      const handler = mod[method] as { contract?: TRouteContract } | undefined;
      if (handler) found.push({ file: path.relative(process.cwd(), file), path: templateOf(file), method, contract: handler.contract });
    }
  }
  return found;
};
