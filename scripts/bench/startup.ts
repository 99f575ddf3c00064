// npm run bench:startup – time from `npm start` until /login is served, with dependencies installed and the
// app already built (the target is ≤ 15 s, embedded Postgres included). Prints JSON.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "../../lib/server/runtime/ensure-build";
import { findFreePort } from "../../lib/server/runtime/free-port";

const RUNS = Number(process.argv[2] ?? 3);

const waitForLogin = async (url: string, deadline: number) => {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status === 200 || response.status === 307) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

const measure = async (dataDir: string) => {
  const port = await findFreePort();
  const demoPort = await findFreePort();
  const started = Date.now();
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    // As a new user runs it: embedded Postgres and the demo Atlassian organization.
    env: { ...process.env, PORT: String(port), WATCHPOST_DATA_DIR: dataDir, WATCHPOST_DEMO: "1", WATCHPOST_DEMO_PORT: String(demoPort), LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
    detached: true,
  });
  const isServed = await waitForLogin(`http://localhost:${port}/login`, started + 60_000);
  const seconds = (Date.now() - started) / 1000;
  process.kill(-(child.pid ?? 0), "SIGINT");
  await new Promise((r) => child.once("exit", r));
  return { seconds, isServed };
};

if (!ensureBuild((line) => console.error(line))) process.exit(1);
const dataDir = mkdtempSync(path.join(tmpdir(), "watchpost-bench-"));
try {
  const first = await measure(dataDir); // initialises the cluster and applies migrations
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await measure(dataDir));
  const times = warm.map((r) => r.seconds).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        benchmark: "startup",
        firstStartSeconds: first.seconds,
        warmStartSeconds: { runs: times, median: times[Math.floor(times.length / 2)], max: times[times.length - 1] },
        targetSeconds: 15,
        meetsTarget: warm.every((r) => r.isServed && r.seconds <= 15),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
