// npm run bench:detection [-- --seconds 60 --rate 200 --activities 1000000]
// Detection speed, two figures (prints JSON):
// 1. Latency: `rate` events/s (2 a second from Tor exits, the rest ordinary logins) into a simulator org,
//    synced and detected by a real worker process; p95 from activity stored (stored_at) to alert stored
//    (created_at) over the anonymous-IP alerts raised. Target ≤ 5 s at 200/s.
// 2. Throughput: the engine over 1M seeded stored activities (scripts/bench/lib/seed-activities.ts), from
//    cursor 0 to the end, profiles and alerts written as in production. Target ≥ 20,000 activities/s.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { connectBenchOrg, percentile, startBenchDatabase } from "./bench-setup";
import { startBenchWorker } from "./lib/live-ingestion";
import { seedActivities } from "./lib/seed-activities";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    rate: { type: "string", default: "200" },
    activities: { type: "string", default: "1000000" },
    batch: { type: "string", default: "50000" },
    skip: { type: "string", default: "" },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const torEvent = (user: { accountId: string; name: string; email: string }, i: number) => ({
  id: randomUUID(),
  type: "events",
  attributes: {
    time: new Date(Date.now() - 200).toISOString(),
    action: "user_login",
    actor: { id: user.accountId, name: user.name, email: user.email },
    location: { ip: `185.220.101.${(i % 250) + 1}`, geo: "50.1109,8.6821", countryName: "Germany", city: "Frankfurt am Main" },
  },
  message: { content: "Logged in to account", format: "simple" },
});

const measureLatency = async () => {
  const database = await startBenchDatabase("detection-latency");
  const sim = await startSimulator({ rateLimits: { enabled: false } });
  const org = await createSimOrg(sim.baseUrl, { users: 400 });
  await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.orgId, apiKey: org.apiKey }, 0);
  const worker = startBenchWorker({ WATCHPOST_SYNC_POLL_SECONDS: "1" });
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    // Wait until the worker's detection loop runs (it offers itself every 5 s).
    for (let i = 0; i < 60; i++) {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM detection_policies");
      if (rows[0].n >= 7) break;
      await sleep(1000);
    }
    const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
    const started = Date.now();
    let tor = 0;
    for (let second = 0; second < seconds; second++) {
      const risky = [0, 1].map(() => torEvent(members[tor % members.length]!, tor++));
      await postEvents(sim.baseUrl, org.orgId, [...loginEvents(members, rate - risky.length, Date.now() - 500), ...risky]);
      await sleep(Math.max(0, started + (second + 1) * 1000 - Date.now()));
    }
    const expected = Math.min(tor, members.length);
    const alerts = async () => Number((await client.query("SELECT count(*) AS n FROM alerts WHERE policy_key = 'anonymous_ip'")).rows[0].n);
    for (let i = 0; i < 60 && (await alerts()) < expected; i++) await sleep(1000);
    const { rows } = await client.query<{ latency: number }>(
      `SELECT EXTRACT(EPOCH FROM al.created_at - min(a.stored_at))::float8 AS latency
       FROM alerts al JOIN alert_activities l ON l.alert_id = al.id JOIN activities a ON a.seq = l.activity_seq
       WHERE al.policy_key = 'anonymous_ip' GROUP BY al.id`,
    );
    const stored = Number((await client.query("SELECT count(*) AS n FROM activities")).rows[0].n);
    const latencies = rows.map((r) => r.latency);
    return {
      activitiesPerSecond: rate,
      seconds,
      activitiesStored: stored,
      alertsExpected: expected,
      alertsRaised: latencies.length,
      storedToAlertSeconds: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(Math.max(...latencies)) },
    };
  } finally {
    await client.end();
    worker.stop();
    await sim.close();
    await database.stop();
  }
};

const measureThroughput = async () => {
  const database = await startBenchDatabase("detection-throughput");
  try {
    const activities = Number(values.activities);
    const seeded = await seedActivities({ databaseUrl: database.ownerUrl, connectors: 1, users: 2000, days: 30, activities });
    const { ensureBuiltinPolicies } = await import("../../lib/server/services/detection/ensure-builtin-policies");
    const { runDetectionPass } = await import("../../lib/server/services/detection/run-detection-pass");
    await ensureBuiltinPolicies();
    const started = performance.now();
    let processed = 0;
    let alerts = 0;
    for (const connector of seeded.connectors) {
      for (;;) {
        const pass = await runDetectionPass({ connectorId: connector.id, batchSize: Number(values.batch), budgetMs: 600_000 });
        processed += pass.processed;
        alerts += pass.alertsCreated;
        if (pass.processed === 0) break;
      }
    }
    const secondsTaken = (performance.now() - started) / 1000;
    const { disconnectDb } = await import("../../lib/server/db");
    await disconnectDb();
    return { activities: processed, users: seeded.users.length, alertsCreated: alerts, seconds: round(secondsTaken), activitiesPerSecond: Math.round(processed / secondsTaken), seedSeconds: round(seeded.loadSeconds + seeded.indexSeconds, 1) };
  } finally {
    await database.stop();
  }
};

const skip = new Set(values.skip.split(",").filter(Boolean));
const latency = skip.has("latency") ? null : await measureLatency();
const throughput = skip.has("throughput") ? null : await measureThroughput();
const meetsTargets = (latency === null || (latency.storedToAlertSeconds.p95 <= 5 && latency.alertsRaised >= latency.alertsExpected)) && (throughput === null || throughput.activitiesPerSecond >= 20_000);
console.log(JSON.stringify({ benchmark: "detection", latency, throughput, targets: { p95StoredToAlertSeconds: 5, activitiesPerSecond: 20_000 }, meetsTargets }, null, 2));
process.exit(meetsTargets ? 0 : 1);
