// npm run bench:partition-move [-- --activities 5000000 --days 180 --batch 20000 --rate 50]
// The upgrade to partitioned activities on a big database (issue 23, part 1): seeds N activities into the
// unpartitioned table of the release before migration 20261207200000_partition_activities, applies that migration,
// then runs the online move (`npm run db:partition-activities`'s code) while an app keeps writing and reading:
//   - the migration's time (it builds the partitioned table empty and installs the mirror trigger);
//   - the move's time and rate, the swap included;
//   - during the move: `rate` new events a second written to the live table (insert latency p95 and max, errors)
//     and a first activity-log page read every 200 ms (p95 and max: the swap's lock shows here);
//   - afterwards: same row count, every row in its month's partition, the writes made meanwhile all there.
// Prints JSON; progress on stderr.
import { parseArgs } from "node:util";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { DB } from "../../lib/generated/kysely/types";
import { moveActivitiesToPartitions } from "../../lib/server/services/activities/move-activities-to-partitions";
import { applyMigrationsBeforePartitioning, applyPartitioningMigration } from "../../lib/testing/legacy-schema";
import { percentile, startBenchDatabase } from "./bench-setup";
import { seedActivities } from "./lib/seed-activities";

const { values } = parseArgs({
  options: {
    activities: { type: "string", default: "5000000" },
    days: { type: "string", default: "180" },
    users: { type: "string", default: "2000" },
    batch: { type: "string", default: "20000" },
    rate: { type: "string", default: "50" },
  },
});
const log = (line: string) => process.stderr.write(`bench:partition-move: ${line}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;
const round = (v: number) => Math.round(v * 10) / 10;
const activities = Number(values.activities);

const database = await startBenchDatabase("partition-move");
const legacyUrl = (() => {
  const url = new URL(database.ownerUrl);
  url.pathname = "/legacy";
  return url.toString();
})();
const admin = new pg.Client({ connectionString: database.ownerUrl });
await admin.connect();
await admin.query("CREATE DATABASE legacy");
await admin.end();
const client = new pg.Client({ connectionString: legacyUrl });
await client.connect();
const sql = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: legacyUrl, max: 2 }) }) });
try {
  // The database as the previous release left it: every migration before the partitioning one.
  await applyMigrationsBeforePartitioning(client);
  log(`seeding ${activities.toLocaleString()} activities over ${values.days} days into the unpartitioned table…`);
  const seeded = await seedActivities({
    databaseUrl: legacyUrl,
    activities,
    users: Number(values.users),
    days: Number(values.days),
    onProgress: (done, total) => process.stderr.write(`\rseeded ${done.toLocaleString()} / ${total.toLocaleString()}`),
  });
  process.stderr.write("\n");
  await client.query("VACUUM ANALYZE activities");
  const tableMb = Number((await client.query<{ b: string }>("SELECT pg_total_relation_size('activities')::text AS b")).rows[0]?.b) / 1024 / 1024;

  const migrationStarted = performance.now();
  await applyPartitioningMigration(client);
  const migrationSeconds = seconds(migrationStarted);
  log(`migration applied in ${migrationSeconds} s; moving…`);

  // The app meanwhile: new events for the seeded connectors, and the activity log's first page.
  const connectorId = seeded.connectors[0]!.id;
  const writer = new pg.Client({ connectionString: legacyUrl });
  const reader = new pg.Client({ connectionString: legacyUrl });
  await Promise.all([writer.connect(), reader.connect()]);
  const writes: number[] = [];
  const reads: number[] = [];
  const errors: string[] = [];
  let written = 0;
  let moving = true;
  const writeLoop = (async () => {
    const interval = 1000 / Number(values.rate);
    while (moving) {
      const started = performance.now();
      try {
        await writer.query(
          `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, raw, search_text)
           VALUES ($1, $2, now(), 'user_login', 'jira', 'bench-live', '{}', 'live event') ON CONFLICT DO NOTHING`,
          [connectorId, `live-${written}`],
        );
        written++;
        writes.push(performance.now() - started);
      } catch (error) {
        errors.push(`write: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, interval - (performance.now() - started))));
    }
  })();
  const readLoop = (async () => {
    while (moving) {
      const started = performance.now();
      try {
        await reader.query("SELECT seq, event_time, action, actor_name FROM activities ORDER BY event_time DESC, seq DESC LIMIT 50");
        reads.push(performance.now() - started);
      } catch (error) {
        errors.push(`read: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  const moveStarted = performance.now();
  let lastReport = 0;
  const result = await moveActivitiesToPartitions({
    batchSize: Number(values.batch),
    db: sql,
    onProgress: (copied) => {
      if (performance.now() - lastReport < 2000) return;
      lastReport = performance.now();
      process.stderr.write(`\rcopied ${copied.toLocaleString()} rows (${Math.round(copied / ((performance.now() - moveStarted) / 1000))} rows/s)`);
    },
  });
  const moveSeconds = seconds(moveStarted);
  moving = false;
  await Promise.all([writeLoop, readLoop]);
  process.stderr.write("\n");
  await Promise.all([writer.end(), reader.end()]);

  const check = (
    await client.query<{ relkind: string; total: string; live: string; misplaced: string; partitions: string }>(
      `SELECT (SELECT relkind::text FROM pg_class WHERE relname = 'activities') AS relkind,
              (SELECT count(*) FROM activities)::text AS total,
              (SELECT count(*) FROM activities WHERE actor_id = 'bench-live')::text AS live,
              (SELECT count(*) FROM activities a WHERE a.tableoid::regclass::text <> 'activities_p' || to_char(a.event_time AT TIME ZONE 'UTC', 'YYYYMM'))::text AS misplaced,
              (SELECT count(*) FROM pg_inherits WHERE inhparent = 'activities'::regclass)::text AS partitions`,
    )
  ).rows[0]!;
  const report = {
    benchmark: "partition-move",
    activities,
    days: Number(values.days),
    batch: Number(values.batch),
    unpartitionedTableMb: Math.round(tableMb),
    seed: { loadSeconds: round(seeded.loadSeconds), indexSeconds: round(seeded.indexSeconds) },
    migrationSeconds,
    move: { status: result.status, rows: result.totalCopied, seconds: moveSeconds, rowsPerSecond: Math.round(result.totalCopied / moveSeconds) },
    duringMove: {
      writesPerSecondTarget: Number(values.rate),
      written,
      writeP95Ms: round(percentile(writes, 95)),
      writeMaxMs: round(Math.max(0, ...writes)),
      firstPageReads: reads.length,
      readP95Ms: round(percentile(reads, 95)),
      readMaxMs: round(Math.max(0, ...reads)),
      errors: errors.slice(0, 5),
      errorCount: errors.length,
    },
    after: {
      partitioned: check.relkind === "p",
      rows: Number(check.total),
      expectedRows: activities + written,
      liveWritesStored: Number(check.live),
      rowsOutsideTheirMonth: Number(check.misplaced),
      partitions: Number(check.partitions),
    },
  };
  console.log(JSON.stringify(report, null, 2));
  if (!report.after.partitioned || report.after.rows !== report.after.expectedRows || report.after.rowsOutsideTheirMonth > 0 || errors.length > 0) process.exitCode = 1;
} finally {
  await sql.destroy();
  await client.end();
  await database.stop();
}
