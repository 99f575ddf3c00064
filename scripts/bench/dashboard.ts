// npm run bench:dashboard [-- --activities 5000000 --users 2000 --iterations 30 --incremental 500000 --keep-db DIR]
// Dashboard speed at scale: seeds activities (scripts/bench/lib/seed-activities.ts) into a throwaway embedded
// PostgreSQL, builds the rollups with rebuildRollups, then times the dashboard data function (the API
// handler's code) per range, and the incremental rollup consumer's throughput on a rewound cursor.
// Prints JSON; targets: dashboard p95 ≤ 300 ms for every range.
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchDatabase } from "./bench-setup";
import { seedActivities } from "./lib/seed-activities";

const { values } = parseArgs({
  options: {
    activities: { type: "string", default: "5000000" },
    users: { type: "string", default: "2000" },
    connectors: { type: "string", default: "2" },
    days: { type: "string", default: "90" },
    iterations: { type: "string", default: "30" },
    incremental: { type: "string", default: "500000" },
    /** Keep the seeded database in this directory and reuse it (the activity-log bench's seed has the same shape). */
    "keep-db": { type: "string" },
  },
});
const TARGET_P95_MS = 300;
const log = (line: string) => process.stderr.write(`bench:dashboard: ${line}\n`);

// A kept seed was made for this instant (the activity-log bench's); a fresh one ends now.
const NOW = values["keep-db"] ? new Date("2026-11-24T00:00:00.000Z") : new Date();

const database = await startBenchDatabase("dashboard", { keepDir: values["keep-db"] });
try {
  log(`seeding ${values.activities} activities…`);
  const seeded = await seedActivities({
    databaseUrl: database.ownerUrl,
    activities: Number(values.activities),
    users: Number(values.users),
    connectors: Number(values.connectors),
    days: Number(values.days),
    now: NOW,
    reuse: database.isKept,
  });
  // Services read the environment at import: import them once DATABASE_URL points at the bench database.
  const { rebuildRollups } = await import("../../lib/server/services/rollups/rebuild-rollups");
  const { updateRollups } = await import("../../lib/server/services/rollups/update-rollups");
  const { getDashboard } = await import("../../lib/server/services/dashboard/get-dashboard");
  const { DASHBOARD_RANGES } = await import("../../lib/shared/schemas/dashboard");
  const { disconnectDb } = await import("../../lib/server/db");

  log("rebuilding rollups…");
  const rebuildStarted = performance.now();
  await rebuildRollups();
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  await client.query("ANALYZE");
  const sizes = (
    await client.query<{ table: string; rows: string }>(
      `SELECT 'hourly' AS table, count(*)::text AS rows FROM activity_rollups_hourly UNION ALL SELECT 'dailyActor', count(*)::text FROM activity_rollups_daily_actor
       UNION ALL SELECT 'dailyProduct', count(*)::text FROM activity_rollups_daily_product
       UNION ALL SELECT 'dailyCountry', count(*)::text FROM activity_rollups_daily_country UNION ALL SELECT 'userLocations', count(*)::text FROM user_locations_seen`,
    )
  ).rows;

  const iterations = Number(values.iterations);
  const ranges: Record<string, { p50Ms: number; p95Ms: number; maxMs: number; activities: number }> = {};
  for (const range of DASHBOARD_RANGES) {
    for (let i = 0; i < 3; i++) await getDashboard({ range, now: NOW });
    const times: number[] = [];
    let activities = 0;
    for (let i = 0; i < iterations; i++) {
      // New rollup and alert versions, as after each worker poll: getDashboard reuses the figures of unchanged
      // versions (get-dashboard.ts), and this measures reading them.
      await client.query("UPDATE activity_consumer_cursors SET updated_at = clock_timestamp() WHERE consumer = 'rollups'");
      await client.query("UPDATE change_counters SET version = nextval('change_counters_version_seq') WHERE name = 'alerts'");
      const started = performance.now();
      activities = (await getDashboard({ range, now: NOW })).kpis.activities;
      times.push(performance.now() - started);
    }
    ranges[range] = { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(Math.max(...times)), activities };
    log(`${range}: p95 ${ranges[range]?.p95Ms} ms`);
  }

  // Incremental throughput: rewind each connector's cursor by its share of N activities and let the consumer
  // fold them again in its normal batches (upserts onto existing rollup rows, as in steady state).
  const incremental = Number(values.incremental);
  const share = Math.floor(incremental / seeded.connectors.length);
  for (const c of seeded.connectors) {
    await client.query(
      `UPDATE activity_consumer_cursors SET last_seq = COALESCE((SELECT seq FROM activities WHERE connector_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1), 0)
       WHERE consumer = 'rollups' AND connector_id = $1`,
      [c.id, share],
    );
  }
  const incStarted = performance.now();
  const folded = await updateRollups({ budgetMs: 3_600_000 });
  const incSeconds = (performance.now() - incStarted) / 1000;
  await client.end();
  await disconnectDb();

  const meetsTargets = Object.values(ranges).every((r) => r.p95Ms <= TARGET_P95_MS);
  console.log(
    JSON.stringify(
      {
        benchmark: "dashboard",
        activities: seeded.activities,
        users: seeded.users.length,
        connectors: seeded.connectors.length,
        seedSeconds: seeded.reused ? "reused (--keep-db)" : round(seeded.loadSeconds + seeded.indexSeconds),
        rebuildRollupsSeconds: round(rebuildSeconds),
        rebuildActivitiesPerSecond: Math.round(seeded.activities / rebuildSeconds),
        rollupRows: Object.fromEntries(sizes.map((s) => [s.table, Number(s.rows)])),
        dashboard: ranges,
        incremental: { activities: folded.activities, batches: folded.batches, seconds: round(incSeconds), activitiesPerSecond: Math.round(folded.activities / incSeconds) },
        targets: { dashboardP95Ms: TARGET_P95_MS },
        meetsTargets,
      },
      null,
      2,
    ),
  );
  process.exitCode = meetsTargets ? 0 : 1;
} finally {
  await database.stop();
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
