import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation-client.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules"]);
const STAMP = path.join(".next", "watchpost-build-stamp");

const walk = (entry: string, out: string[]) => {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) if (!SKIP.has(name) && !name.endsWith(".test.ts")) walk(path.join(entry, name), out);
  } else out.push(`${entry}:${stat.size}:${Math.floor(stat.mtimeMs)}`);
};

/** A fingerprint of what `next build` reads: paths, sizes and modification times. */
export const computeBuildFingerprint = (cwd: string): string => {
  const lines: string[] = [];
  for (const input of INPUTS) walk(path.join(cwd, input), lines);
  return createHash("sha256").update(lines.join("\n")).digest("hex");
};

export const isBuildCurrent = (cwd: string): boolean => {
  const stamp = path.join(cwd, STAMP);
  return existsSync(path.join(cwd, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === computeBuildFingerprint(cwd);
};

/** Records a fingerprint taken BEFORE the build: sources edited during the build then count as changed. */
export const writeBuildStamp = (cwd: string, fingerprint: string): void => writeFileSync(path.join(cwd, STAMP), fingerprint);
