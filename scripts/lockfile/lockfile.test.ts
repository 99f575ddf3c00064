import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type LockEntry = { optionalDependencies?: Record<string, string> };

describe("package-lock.json", () => {
  it("holds an entry for every optional dependency, or `npm ci` refuses it (run `npm run lock:fix`)", () => {
    const { packages } = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!packages[`${path ? `${path}/` : ""}node_modules/${name}`] && !packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });
});
