import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_ENDPOINTS, buildOpenApiDocument } from "./document";

const API_ROOT = path.resolve(__dirname, "../../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every (method, path) exported by a route file under app/api/v1, [id] → {id}. */
const routeOperations = (): string[] => {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const route = "/api/v1/" + path.relative(API_ROOT, dir).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
        for (const method of METHODS) {
          if (new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source)) found.push(`${method.toLowerCase()} ${route.replace(/\/$/, "")}`);
        }
      }
    }
  };
  walk(API_ROOT);
  return found.sort();
};

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };

  it("is OpenAPI 3.1 and serializes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(() => JSON.stringify(document)).not.toThrow();
  });

  it("documents every operation of app/api/v1/**/route.ts", () => {
    const missing = routeOperations().filter((op) => {
      const [method, route] = op.split(" ") as [string, string];
      return !document.paths[route]?.[method];
    });
    expect(missing).toEqual([]);
  });

  it("documents no operation that has no route", () => {
    const routes = new Set(routeOperations());
    const extra = ALL_ENDPOINTS.map((e) => `${e.method} ${e.path}`).filter((op) => !routes.has(op));
    expect(extra).toEqual([]);
  });

  it("describes the activity log's query parameters from the zod schema", () => {
    const list = document.paths["/api/v1/activities"]?.get as { parameters: { name: string; schema: { type?: string } }[] };
    const names = list.parameters.map((p) => p.name);
    for (const name of ["from", "to", "user", "action", "product", "ip", "country", "ipCategory", "connectorId", "adminOnly", "impersonation", "q", "cursor", "limit"]) {
      expect(names).toContain(name);
    }
    expect(list.parameters.find((p) => p.name === "action")?.schema.type).toBe("array");
  });
});
