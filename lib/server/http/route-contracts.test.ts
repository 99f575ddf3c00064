import { beforeAll, describe, expect, it } from "vitest";
import { ALL_CONTRACTS } from "../../shared/contracts";
import { operationKey } from "../../shared/contracts/define-route";
import { importRouteExports, ROUTES_WITHOUT_CONTRACT, type TRouteExport } from "../../testing/route-modules";

// Structural, not textual: each route module is imported and the contract withRoute attached to its export is
// compared with the file's folder and export name.
describe("route contracts", () => {
  let exports: TRouteExport[] = [];
  beforeAll(async () => {
    exports = await importRouteExports();
  }, 120_000);

  it("finds the route files", () => {
    expect(exports.length).toBeGreaterThan(50);
  });

  it("every route export runs on a contract of its own method and path (except the documented exceptions)", () => {
    const wrong = exports
      .filter((e) => !ROUTES_WITHOUT_CONTRACT[e.path])
      .filter((e) => e.contract?.method !== e.method || e.contract.path !== e.path)
      .map((e) => `${e.method} ${e.path} (${e.file}): ${e.contract ? `runs on ${operationKey(e.contract)}` : "no contract (not withRoute)"}`);
    expect(wrong).toEqual([]);
  });

  it("the exceptions run on no contract, and each still exists", () => {
    const exceptions = exports.filter((e) => ROUTES_WITHOUT_CONTRACT[e.path]);
    expect(exceptions.filter((e) => e.contract).map((e) => `${e.method} ${e.path}`)).toEqual([]);
    expect(new Set(exceptions.map((e) => e.path))).toEqual(new Set(Object.keys(ROUTES_WITHOUT_CONTRACT)));
  });

  it("every contract has a route, and exactly one", () => {
    const served = exports.map((e) => e.contract).filter((c) => c !== undefined);
    const unserved = ALL_CONTRACTS.filter((c) => !served.includes(c)).map(operationKey);
    expect(unserved).toEqual([]);
    const keys = ALL_CONTRACTS.map(operationKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("path parameters: the contract's params schema names exactly the {names} of its path", () => {
    const wrong = ALL_CONTRACTS.flatMap((c) => {
      const inPath = [...c.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const shape = c.params && "shape" in c.params ? Object.keys(c.params.shape as object).sort() : [];
      return JSON.stringify(inPath) === JSON.stringify(shape) ? [] : [`${operationKey(c)}: path has {${inPath.join(", ")}}, params has ${shape.join(", ") || "none"}`];
    });
    expect(wrong).toEqual([]);
  });
});
