// npm run bench:activity-log [-- --activities 5000000 --samples 40 --export-rows 1000000 --keep-db DIR]   (or ACTIVITIES=200000)
// Activity log speed: seeds N activities over 90 days for 2 connectors and 2,000 users in a throwaway embedded
// PostgreSQL, then times the first and the next page of typical filters through the API handler's own code
// (ZActivityListQuery → listActivities) and a CSV export (twice: first pass, then warm). Prints JSON; targets: p95 ≤ 50 ms per page,
// export ≥ 100,000 rows/s with flat RSS. The slowest query's EXPLAIN ANALYZE is printed too.
import { parseArgs } from "node:util";
import pg from "pg";
import { startBenchDatabase } from "./bench-setup";
import { timeActivityPages } from "./lib/activity-pages";
import { seedActivities } from "./lib/seed-activities";

const { values } = parseArgs({
  options: {
    activities: { type: "string", default: process.env.ACTIVITIES ?? "5000000" },
    users: { type: "string", default: "2000" },
    days: { type: "string", default: "90" },
    samples: { type: "string", default: "40" },
    "export-rows": { type: "string", default: "1000000" },
    /** Keep the seeded database in this directory and reuse it on the next run with the same options. */
    "keep-db": { type: "string" },
  },
});
const MB = 1024 * 1024;
const NOW = new Date("2026-11-24T00:00:00.000Z");

const database = await startBenchDatabase("activity-log", { keepDir: values["keep-db"] });
try {
  const seedStarted = performance.now();
  const seeded = await seedActivities({
    databaseUrl: database.ownerUrl,
    activities: Number(values.activities),
    users: Number(values.users),
    days: Number(values.days),
    now: NOW,
    reuse: database.isKept,
    onProgress: (done, total) => process.stderr.write(`\rseeded ${done.toLocaleString()} / ${total.toLocaleString()}`),
  });
  process.stderr.write(seeded.reused ? "reused the kept seeded database\n" : `\nseeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s; indexes ${seeded.indexSeconds.toFixed(0)} s\n`);

  const { ZActivityListQuery } = await import("../../lib/shared/schemas/activities");
  const { resolveActivityFilter } = await import("../../lib/server/services/activities/resolve-activity-filter");
  const { buildActivityPageQuery } = await import("../../lib/server/repositories/activity-query-repository");
  const { exportActivities } = await import("../../lib/server/services/activities/export-activities");

  const samples = Number(values.samples);
  const { results, slowest } = await timeActivityPages({
    users: seeded.users,
    days: Number(values.days),
    now: NOW,
    samples,
    log: (line) => process.stderr.write(`${line}\n`),
  });

  // EXPLAIN ANALYZE of the slowest single page, through the same SQL builder.
  const slowQuery = ZActivityListQuery.parse({ ...slowest.params, ...(slowest.cursor ? { cursor: slowest.cursor } : {}) });
  const built = buildActivityPageQuery(await resolveActivityFilter(slowQuery), slowQuery.cursor ?? null, slowQuery.limit + 1).compile();
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${built.sql}`, [...built.parameters])).rows.map((r: Record<string, string>) => r["QUERY PLAN"]);
  const tableMb = Number((await client.query("SELECT sum(pg_total_relation_size(relid)) AS b FROM pg_partition_tree('activities')" /* the partitioned parent has no storage of its own */)).rows[0].b) / MB;
  await client.end();

  // CSV export of N rows (the newest N), reading the stream as a client would, sampling RSS. Twice: the first
  // pass may read the rows from disk (a kept database after idle time), the second finds them in memory, as a
  // server does for its recent activities.
  const exportRows = Math.min(Number(values["export-rows"]), seeded.activities);
  const runExport = async () => {
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(Math.round(process.memoryUsage().rss / MB)), 250);
    const exportStarted = performance.now();
    const file = await exportActivities({ query: { format: "csv" }, now: NOW });
    const reader = file.body.getReader();
    let lines = -1; // the header
    let bytes = 0;
    while (lines < exportRows) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    }
    await reader.cancel();
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    clearInterval(sampler);
    const steady = rss.slice(Math.floor(rss.length / 4));
    return {
      format: "csv",
      rows: lines,
      megabytes: Math.round(bytes / MB),
      seconds: Number(exportSeconds.toFixed(1)),
      rowsPerSecond: Math.round(lines / exportSeconds),
      rssMbSamples: rss.filter((_, i) => i % Math.max(1, Math.floor(rss.length / 20)) === 0),
      rssMbMin: Math.min(...steady),
      rssMbMax: Math.max(...steady),
    };
  };
  const firstExport = await runExport();
  process.stderr.write(`export, first pass: ${firstExport.rowsPerSecond} rows/s\n`);
  const warmExport = await runExport();
  process.stderr.write(`export, second pass: ${warmExport.rowsPerSecond} rows/s\n`);
  const rowsPerSecond = warmExport.rowsPerSecond;

  const pageTargetMet = Object.values(results).every((r) => r.firstP95Ms <= 50 && r.nextP95Ms <= 50);
  console.log(
    JSON.stringify(
      {
        benchmark: "activity-log",
        activities: seeded.activities,
        connectors: seeded.connectors.length,
        users: seeded.users.length,
        days: Number(values.days),
        tableAndIndexesMb: Math.round(tableMb),
        seed: seeded.reused
          ? "reused (--keep-db)"
          : { loadSeconds: Math.round(seeded.loadSeconds), indexSeconds: Math.round(seeded.indexSeconds), rowsPerSecond: Math.round(seeded.activities / seeded.loadSeconds) },
        samplesPerFilter: samples,
        pages: results,
        export: { ...warmExport, firstPass: { seconds: firstExport.seconds, rowsPerSecond: firstExport.rowsPerSecond, rssMbMax: firstExport.rssMbMax } },
        slowestPage: { filter: slowest.combo, page: slowest.page, params: slowest.params, ms: Number(slowest.ms.toFixed(1)), explainAnalyze: plan },
        targets: { pageP95Ms: 50, exportRowsPerSecond: 100_000 },
        meetsTargets: pageTargetMet && rowsPerSecond >= 100_000,
      },
      null,
      2,
    ),
  );
} finally {
  await database.stop();
}
process.exit(0);
