import { beforeAll, describe, expect, it } from "vitest";
import { importRouteExports, type TRouteExport } from "../../testing/route-modules";
import { API_V1_CONTRACTS } from "../contracts";
import { buildOpenApiDocument } from "./document";

/** Every (method, path) exported by a route module under app/api/v1, [id] → {id}. */
const routeOperations = (exports: readonly TRouteExport[]): string[] =>
  exports
    .filter((e) => e.path.startsWith("/api/v1/"))
    .map((e) => `${e.method.toLowerCase()} ${e.path}`)
    .sort();

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
  let exports: TRouteExport[] = [];
  beforeAll(async () => {
    exports = await importRouteExports();
  }, 120_000);

  it("is OpenAPI 3.1 and serializes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(() => JSON.stringify(document)).not.toThrow();
  });

  it("documents every operation of app/api/v1/**/route.ts", () => {
    const missing = routeOperations(exports).filter((op) => {
      const [method, route] = op.split(" ") as [string, string];
      return !document.paths[route]?.[method];
    });
    expect(missing).toEqual([]);
  });

  it("documents no operation that has no route", () => {
    const routes = new Set(routeOperations(exports));
    const documented = Object.entries(document.paths).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route}`));
    expect(documented.filter((op) => !routes.has(op))).toEqual([]);
    expect(documented).toHaveLength(API_V1_CONTRACTS.length);
  });

  it("describes the activity log's query parameters from the zod schema", () => {
    const list = document.paths["/api/v1/activities"]?.get as { parameters: { name: string; schema: { type?: string } }[] };
    const names = list.parameters.map((p) => p.name);
    for (const name of ["from", "to", "user", "action", "product", "ip", "country", "ipCategory", "connectorId", "adminOnly", "impersonation", "q", "cursor", "limit"]) {
      expect(names).toContain(name);
    }
    expect(list.parameters.find((p) => p.name === "action")?.schema.type).toBe("array");
  });

  it("covers session policies, devices and sessions (issue 22), with the role each needs", () => {
    const roleOf = (path: string, method: string) => (document.paths[path]?.[method] as { "x-minimum-role"?: string } | undefined)?.["x-minimum-role"];
    expect([roleOf("/api/v1/session-policies", "get"), roleOf("/api/v1/session-policies", "post")]).toEqual(["viewer", "admin"]);
    expect(["get", "patch", "delete"].map((m) => roleOf("/api/v1/session-policies/{id}", m))).toEqual(["viewer", "admin", "admin"]);
    expect([roleOf("/api/v1/session-policies/preview", "post"), roleOf("/api/v1/session-policies/templates", "get")]).toEqual(["analyst", "viewer"]);
    expect([roleOf("/api/v1/devices/certificates", "get"), roleOf("/api/v1/devices/cas", "post"), roleOf("/api/v1/devices/certificates/{id}/revoke", "post")]).toEqual(["admin", "admin", "admin"]);
    expect([roleOf("/api/v1/proxy-sessions", "get"), roleOf("/api/v1/proxy-sessions/{id}/end", "post")]).toEqual(["analyst", "analyst"]);
  });
});
