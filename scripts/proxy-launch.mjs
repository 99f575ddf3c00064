// npm run proxy – builds scripts/proxy.ts into one ES module with esbuild and runs it on plain node, in this process.
// Why not tsx, as the other processes: the session proxy has a memory budget (issue 21: ≤ 200 MB under load), and
// tsx's loader with its on-the-fly transforms costs the process some 60 MB at rest (docs/benchmarks.md, "Session
// proxy"). Packages stay external (resolved from node_modules as usual); only our own TypeScript is bundled.
// Node options come from the caller (package.json, lib/server/runtime/children.ts PROXY_NODE_ARGS).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Under node_modules so that the bundle's bare imports resolve to the project's packages; one file per process, so two
// proxies starting at once never read each other's half-written bundle.
const outDir = path.join(root, "node_modules", ".cache", "watchpost");
const outfile = path.join(outDir, `proxy-${process.pid}.mjs`);
mkdirSync(outDir, { recursive: true });

try {
  await build({
    entryPoints: [path.join(root, "scripts", "proxy.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
} catch (error) {
  console.error(`watchpost proxy: cannot build the proxy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
} finally {
  // esbuild's service process is not needed once built.
  await stop();
}

try {
  await import(pathToFileURL(outfile).href);
} finally {
  // Loaded: the module stays in memory; the file is not needed any more.
  rmSync(outfile, { force: true });
}
