// npm run test:e2e [-- <playwright args>] – Playwright in Chromium against a fresh `npm start` instance.
// Makes sure a Chromium exists first (installs Debian's package when root on Debian/Ubuntu).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "../lib/server/runtime/ensure-build";
import { ensureChromium } from "../lib/testing/chromium";

const say = (line: string) => console.log(`test:e2e: ${line}`);

try {
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = await ensureChromium(say);
} catch (error) {
  console.error(`test:e2e: ${(error as Error).message}`);
  process.exit(1);
}
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";
// A fresh instance every run: the first-run setup test needs an empty database.
rmSync(path.resolve(dataDir), { recursive: true, force: true });
rmSync("e2e/.auth", { recursive: true, force: true });
if (!ensureBuild(say)) process.exit(1);

const result = spawnSync(path.join("node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, E2E_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
