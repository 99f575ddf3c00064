// npm run bench:activity-log [-- --activities 5000000 --samples 40 --export-rows 1000000 --keep-db DIR]   (or ACTIVITIES=200000)
// Activity log speed: seeds N activities over 90 days for 2 connectors and 2,000 users in a throwaway embedded
// PostgreSQL, then times the first and the next page of typical filters through the API handler's own code
// (ZActivityListQuery → listActivities) and a CSV export (twice: first pass, then warm). Prints JSON; targets: p95 ≤ 50 ms per page,
// export ≥ 100,000 rows/s with flat RSS. The slowest query's EXPLAIN ANALYZE is printed too.
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchDatabase } from "./bench-setup";
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
const DAY_MS = 86_400_000;

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
  const { listActivities } = await import("../../lib/server/services/activities/list-activities");
  const { resolveActivityFilter } = await import("../../lib/server/services/activities/resolve-activity-filter");
  const { buildActivityPageQuery } = await import("../../lib/server/repositories/activity-query-repository");
  const { exportActivities } = await import("../../lib/server/services/activities/export-activities");

  // Deterministic variety per sample: a different user, window, country or word each time.
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const users = seeded.users;
  const window = (days: number) => {
    const end = NOW.getTime() - Math.floor(random() * (Number(values.days) - days)) * DAY_MS;
    return { from: new Date(end - days * DAY_MS).toISOString(), to: new Date(end).toISOString() };
  };
  const words = ["margaret hamilton", "berlin", "lovelace", "api token", "hopper 1", "bengaluru", "group", "dijkstra"];
  const actions = ["user_login_failed", "user_login", "user_added_to_group", "product_access_granted", "user_api_token_created"];
  const combos: Record<string, () => Record<string, string>> = {
    none: () => ({}),
    user: () => ({ user: pick(users).email }),
    action: () => ({ action: pick(actions) }),
    timeRange: () => window(1),
    country: () => ({ country: pick(["Germany", "FR", "India", "Brazil", "jp", "United Kingdom", "Poland", "Kenya"]) }),
    userAndTimeRange: () => ({ user: pick(users).email, ...window(7) }),
    freeText: () => ({ q: pick(words) }),
  };

  const samples = Number(values.samples);
  const results: Record<string, { firstP95Ms: number; nextP95Ms: number; firstMaxMs: number; nextMaxMs: number }> = {};
  let slowest = { ms: 0, combo: "", params: {} as Record<string, string>, page: "first" as "first" | "next", cursor: null as string | null };
  for (const [name, make] of Object.entries(combos)) {
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < samples + 3; i++) {
      const params = make();
      let started = performance.now();
      const page = await listActivities({ query: ZActivityListQuery.parse(params) });
      const firstMs = performance.now() - started;
      let nextMs = 0;
      if (page.nextCursor) {
        started = performance.now();
        await listActivities({ query: ZActivityListQuery.parse({ ...params, cursor: page.nextCursor }) });
        nextMs = performance.now() - started;
      }
      if (i < 3) continue; // warm-up
      first.push(firstMs);
      next.push(nextMs);
      if (firstMs > slowest.ms) slowest = { ms: firstMs, combo: name, params, page: "first", cursor: null };
      if (nextMs > slowest.ms) slowest = { ms: nextMs, combo: name, params, page: "next", cursor: page.nextCursor };
    }
    const round = (v: number) => Number(v.toFixed(1));
    results[name] = { firstP95Ms: round(percentile(first, 95)), nextP95Ms: round(percentile(next, 95)), firstMaxMs: round(Math.max(...first)), nextMaxMs: round(Math.max(...next)) };
    process.stderr.write(`${name}: ${JSON.stringify(results[name])}\n`);
  }

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
