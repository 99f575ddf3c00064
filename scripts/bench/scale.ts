// npm run bench:scale [-- --activities 20000000 --days 365 --users 10000 --samples 30 --iterations 20 --seconds 120 --rate 200 --keep-db DIR]
// Years of history (issue 23): seeds N activities over `days` (12 monthly partitions by default) with COPY into a
// throwaway embedded PostgreSQL, then measures, in one run:
//   - the activity log's first and next page p95 per filter (bench:activity-log's filters; target ≤ 50 ms);
//   - the dashboard's 90-day range p95 (target ≤ 300 ms);
//   - live ingestion at `rate` events/s through a real worker and the simulator while retention runs: the oldest
//     month's partition dropped whole (target < 1 s) and a retention run over the next month, with the ingestion lag
//     p95 (target ≤ 5 s) and no ingestion error (every posted event stored, no error in the worker's log);
//   - disk used per million activities (all partitions with their indexes).
// Refuses to start when the disk has less free space than twice its estimate (about 1.5 KB per activity).
import { existsSync, readFileSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { connectBenchOrg, percentile, startBenchDatabase } from "./bench-setup";
import { timeActivityPages } from "./lib/activity-pages";
import { postLiveActivity, readIngestionLags, startBenchWorker, summarizeLags, waitForStored } from "./lib/live-ingestion";
import { seedActivities } from "./lib/seed-activities";

const { values } = parseArgs({
  options: {
    activities: { type: "string", default: "20000000" },
    days: { type: "string", default: "365" },
    users: { type: "string", default: "10000" },
    samples: { type: "string", default: "30" },
    iterations: { type: "string", default: "20" },
    seconds: { type: "string", default: "120" },
    rate: { type: "string", default: "200" },
    "keep-db": { type: "string" },
  },
});
const MB = 1024 * 1024;
const BYTES_PER_ACTIVITY = 1.5 * 1024;
const log = (line: string) => process.stderr.write(`bench:scale: ${line}\n`);
const round = (v: number) => Math.round(v * 10) / 10;
const activities = Number(values.activities);
const days = Number(values.days);

// Free space where the database will live (the kept directory, else the temp dir) against twice the estimate.
const diskDir = values["keep-db"] ? path.resolve(values["keep-db"], "..") : tmpdir();
const disk = statfsSync(diskDir);
const freeBytes = disk.bavail * disk.bsize;
const estimateBytes = activities * BYTES_PER_ACTIVITY;
if (!values["keep-db"] && freeBytes < 2 * estimateBytes) {
  console.error(
    `bench:scale: ${activities.toLocaleString()} activities need about ${(estimateBytes / 1024 ** 3).toFixed(1)} GB (1.5 KB each with indexes); ` +
      `${diskDir} has ${(freeBytes / 1024 ** 3).toFixed(1)} GB free and the bench wants twice the estimate. Use --activities to scale it down.`,
  );
  process.exit(2);
}

// A kept seed was made for the instant recorded beside it (its retention step has dropped its oldest months since).
const seededAtFile = values["keep-db"] ? path.resolve(values["keep-db"], "seeded-at") : null;
const NOW = seededAtFile && existsSync(seededAtFile) ? new Date(readFileSync(seededAtFile, "utf8").trim()) : new Date();
const database = await startBenchDatabase("scale", { keepDir: values["keep-db"] });
let worker: ReturnType<typeof startBenchWorker> | undefined;
try {
  log(`seeding ${activities.toLocaleString()} activities over ${days} days…`);
  const seeded = await seedActivities({
    databaseUrl: database.ownerUrl,
    activities,
    users: Number(values.users),
    connectors: 2,
    days,
    now: NOW,
    reuse: database.isKept,
    reuseAfterRetention: true,
    onProgress: (done, total) => process.stderr.write(`\rseeded ${done.toLocaleString()} / ${total.toLocaleString()}`),
  });
  process.stderr.write("\n");
  if (seededAtFile && !seeded.reused) writeFileSync(seededAtFile, NOW.toISOString());
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  await client.query("ANALYZE");
  const partitionSizes = async () =>
    (
      await client.query<{ name: string; bytes: string }>(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'activities'::regclass ORDER BY c.relname`,
      )
    ).rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
  const sizesBefore = await partitionSizes();
  const totalBytes = sizesBefore.reduce((sum, p) => sum + p.bytes, 0);

  // Services read the environment at import: import them once DATABASE_URL points at the bench database.
  const pages = await timeActivityPages({ users: seeded.users, days, now: NOW, samples: Number(values.samples), log });
  const { rebuildRollups } = await import("../../lib/server/services/rollups/rebuild-rollups");
  const { getDashboard } = await import("../../lib/server/services/dashboard/get-dashboard");
  log("rebuilding rollups…");
  await rebuildRollups();
  // The rebuild rewrote every rollup row at once; on a running server autovacuum has long tidied these tables.
  await client.query("VACUUM ANALYZE activity_rollups_hourly, activity_rollups_daily_product, activity_rollups_daily_actor, activity_rollups_weekly_actor, activity_rollups_daily_country");
  const dashboardTimes: number[] = [];
  for (let i = 0; i < Number(values.iterations) + 3; i++) {
    // New rollup and alert versions each time, as after a worker poll: the figures are read, not reused.
    await client.query("UPDATE activity_consumer_cursors SET updated_at = clock_timestamp() WHERE consumer = 'rollups'");
    await client.query("UPDATE change_counters SET version = nextval('change_counters_version_seq') WHERE name = 'alerts'");
    const started = performance.now();
    await getDashboard({ range: "90d", now: NOW });
    if (i >= 3) dashboardTimes.push(performance.now() - started);
  }
  const dashboard = { p50Ms: round(percentile(dashboardTimes, 50)), p95Ms: round(percentile(dashboardTimes, 95)), maxMs: round(Math.max(...dashboardTimes)) };
  log(`dashboard 90d: ${JSON.stringify(dashboard)}`);

  // Live ingestion with retention under way: a simulator org synced by a real worker, posting `rate` events/s.
  const { countExpiredActivityPartition, dropExpiredActivityPartitions, expiredActivityPartitions, expireActivityPartition } = await import(
    "../../lib/server/repositories/activity-retention-repository"
  );
  const { saveRetentionSettingsRow } = await import("../../lib/server/repositories/retention-repository");
  const { runRetention } = await import("../../lib/server/services/retention/run-retention");
  // The seeded history stands for years already processed: detection and the priority score start at its end, as
  // on a server that has been running (else the worker would spend the run detecting over 20M old rows).
  await client.query(
    `INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at)
     SELECT consumer, a.connector_id, max(a.seq), now() FROM activities a CROSS JOIN unnest(ARRAY['detection', 'priority']) AS consumer
     GROUP BY consumer, a.connector_id
     ON CONFLICT (consumer, connector_id) DO UPDATE SET last_seq = excluded.last_seq`,
  );
  const sim = await startSimulator({ rateLimits: { enabled: false } });
  const org = await createSimOrg(sim.baseUrl, { users: 50 });
  const connector = await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.orgId, apiKey: org.apiKey }, 0, "Live");
  const workerLog = path.join(database.scratch, "worker.log");
  worker = startBenchWorker({ LOG_LEVEL: "info" }, { logFile: workerLog });
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  // One second of events first, until stored: the worker's start and first sync are not what this measures.
  await postLiveActivity({ baseUrl: sim.baseUrl, orgId: org.orgId, members, rate, seconds: 1 });
  await waitForStored(client, rate, { connectorId: connector.id }, { timeoutSeconds: 120 });
  const ingestFrom = new Date();
  const retentionWork = (async () => {
    await new Promise((r) => setTimeout(r, (seconds * 1000) / 3));
    // The oldest month (of the seed, or of what an earlier run's retention left of a kept seed) is past retention,
    // dropped alone and timed.
    const { rows: oldestRows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'activities'::regclass AND c.relname ~ '^activities_p[0-9]{6}$' AND c.reltuples > 0 ORDER BY c.relname LIMIT 1`,
    );
    const oldestName = oldestRows[0]?.name ?? "activities_p000001";
    const oldestEnd = Date.UTC(Number(oldestName.slice(12, 16)), Number(oldestName.slice(16, 18)), 1);
    const keepDays = Math.floor((Date.now() - oldestEnd) / 86_400_000);
    const cutoff = new Date(Date.now() - keepDays * 86_400_000);
    const [oldest] = await expiredActivityPartitions(cutoff);
    const dropStarted = performance.now();
    const { kept } = oldest ? await expireActivityPartition(oldest) : { kept: 0 };
    const dropMs = performance.now() - dropStarted;
    // Then, outside the lock on activities: counting the detached month for the run's record, and removing its files
    // (seconds on this disk for 2.5 GB).
    const countStarted = performance.now();
    const removed = oldest ? (await countExpiredActivityPartition(oldest)) - kept : 0;
    const countMs = performance.now() - countStarted;
    const filesStarted = performance.now();
    await dropExpiredActivityPartitions();
    const fileRemovalMs = performance.now() - filesStarted;
    log(`dropped ${oldest?.name ?? "nothing"} (${removed.toLocaleString()} rows) in ${dropMs.toFixed(0)} ms, counted in ${countMs.toFixed(0)} ms, files removed in ${fileRemovalMs.toFixed(0)} ms`);
    // Then a whole retention run with a period one month shorter (the next month), while ingestion goes on.
    await saveRetentionSettingsRow({ activities_days: keepDays - 32, alerts_days: null, governance_days: null, deliveries_days: null, audit_days: null }, null);
    const runStarted = performance.now();
    const run = await runRetention();
    return { partition: oldest?.name ?? null, rowsRemoved: removed, dropMs: round(dropMs), countMs: round(countMs), fileRemovalMs: round(fileRemovalMs), run: { seconds: round((performance.now() - runStarted) / 1000), ...run.counts } };
  })();
  await postLiveActivity({ baseUrl: sim.baseUrl, orgId: org.orgId, members, rate, seconds });
  const retention = await retentionWork;
  const expected = seconds * rate;
  await waitForStored(client, rate + expected, { connectorId: connector.id }, { timeoutSeconds: 120 });
  const lags = await readIngestionLags(client, { connectorId: connector.id, from: ingestFrom });
  const workerErrors = readFileSync(workerLog, "utf8")
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line));
  await sim.close();
  const lag = summarizeLags(lags);
  const sizesAfter = await partitionSizes();
  await client.end();

  const perMillionMb = round(totalBytes / MB / (seeded.activities / 1_000_000));
  const pageTargetMet = Object.values(pages.results).every((r) => r.firstP95Ms <= 50 && r.nextP95Ms <= 50);
  const ingestionMet = lags.length >= expected && lag.p95 <= 5 && workerErrors.length === 0;
  console.log(
    JSON.stringify(
      {
        benchmark: "scale",
        activities: seeded.activities,
        partitions: sizesBefore.length,
        users: seeded.users.length,
        days,
        seed: seeded.reused ? "reused (--keep-db)" : { loadSeconds: Math.round(seeded.loadSeconds), indexSeconds: Math.round(seeded.indexSeconds) },
        disk: {
          activitiesWithIndexesMb: Math.round(totalBytes / MB),
          perMillionActivitiesMb: perMillionMb,
          partitionsMb: Object.fromEntries(sizesBefore.map((p) => [p.name, Math.round(p.bytes / MB)])),
          partitionsAfterRetention: sizesAfter.map((p) => p.name),
        },
        activityLogPages: pages.results,
        slowestPage: { filter: pages.slowest.combo, page: pages.slowest.page, ms: round(pages.slowest.ms) },
        dashboard90d: dashboard,
        liveIngestion: { eventsPerSecond: rate, seconds, expected, stored: lags.length, lagSeconds: lag, workerErrors: workerErrors.slice(0, 5) },
        retentionUnderIngestion: retention,
        targets: { pageP95Ms: 50, dashboard90dP95Ms: 300, partitionDropMs: 1000, ingestionLagP95Seconds: 5 },
        meetsTargets: pageTargetMet && dashboard.p95Ms <= 300 && retention.dropMs < 1000 && ingestionMet,
      },
      null,
      2,
    ),
  );
} catch (error) {
  console.error("bench:scale failed:", error);
  process.exitCode = 1;
} finally {
  worker?.stop();
  await (await import("../../lib/server/db")).disconnectDb();
  await database.stop();
  process.exit(process.exitCode ?? 0);
}
