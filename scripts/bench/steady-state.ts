// npm run bench:steady [-- --seconds 120 --rate 50]
// Steady state: live activity at `rate` events/s into a simulator org, synced by a real worker process
// (default 10 s polling). Prints p50/p95/max lag from processedAt to stored and the worker's peak RSS.
// Targets: p95 lag ≤ 15 s, worker RSS ≤ 300 MB.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { connectBenchOrg, percentile, startBenchDatabase } from "./bench-setup";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "120" }, rate: { type: "string", default: "50" } } });
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of the worker's whole process group (tsx runs node as a child), in MB. */
const groupRssMb = (pgid: number): number => {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
    return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
  } catch {
    return 0;
  }
};

const database = await startBenchDatabase("steady");
const sim = await startSimulator({ rateLimits: { enabled: false } });
const org = await createSimOrg(sim.baseUrl, { users: 50 });
const connector = await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.orgId, apiKey: org.apiKey }, 0);
const worker = spawn(path.join("node_modules", ".bin", "tsx"), ["lib/server/jobs/worker.ts"], {
  env: { ...process.env, WATCHPOST_SERVICE: "worker", LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
try {
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  let peakRss = 0;
  const started = Date.now();
  for (let second = 0; second < seconds; second++) {
    await postEvents(sim.baseUrl, org.orgId, loginEvents(members, rate, Date.now() - 500));
    peakRss = Math.max(peakRss, groupRssMb(worker.pid ?? 0));
    await sleep(Math.max(0, started + (second + 1) * 1000 - Date.now()));
  }
  const expected = seconds * rate;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const count = async () => Number((await client.query("SELECT count(*) AS n FROM activities")).rows[0].n);
  for (let i = 0; i < 60 && (await count()) < expected; i++) {
    peakRss = Math.max(peakRss, groupRssMb(worker.pid ?? 0));
    await sleep(1000);
  }
  const lags = (await client.query<{ lag: number }>("SELECT EXTRACT(EPOCH FROM stored_at - processed_at)::float8 AS lag FROM activities")).rows.map((r) => r.lag);
  await client.end();
  const p95 = percentile(lags, 95);
  console.log(
    JSON.stringify(
      {
        benchmark: "steady state",
        eventsPerSecond: rate,
        seconds,
        eventsExpected: expected,
        eventsStored: lags.length,
        lagSeconds: { p50: Number(percentile(lags, 50).toFixed(2)), p95: Number(p95.toFixed(2)), max: Number(Math.max(...lags).toFixed(2)) },
        workerPeakRssMb: Math.round(peakRss),
        connectorId: connector.id,
        targets: { p95LagSeconds: 15, workerRssMb: 300 },
        meetsTargets: lags.length === expected && p95 <= 15 && peakRss <= 300,
      },
      null,
      2,
    ),
  );
} finally {
  process.kill(-(worker.pid ?? 0), "SIGKILL");
  await sim.close();
  await (await import("../../lib/server/db")).disconnectDb();
  await database.stop();
  process.exit(0);
}
