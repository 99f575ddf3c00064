// npm test – everything CI checks, in order, stopping at the first failure:
// lint, typecheck, unit, integration (real Postgres) and Playwright e2e (real Chromium).
import { spawnSync } from "node:child_process";

const STEPS = [
  ["lint", "npm run -s lint"],
  ["typecheck", "npm run -s typecheck"],
  ["unit", "npm run -s test:unit"],
  ["integration", "npm run -s test:integration"],
  ["e2e", "npm run -s test:e2e"],
] as const;

const only = process.argv.slice(2);
const timings: string[] = [];
for (const [name, command] of STEPS) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n━━ ${name}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, { stdio: "inherit", shell: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s (${timings.join(", ")})`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n✓ all passed: ${timings.join(", ")}`);
