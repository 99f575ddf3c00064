// npm run bench:backfill [-- --events 1000000]
// Backfill speed of the sync engine: a simulator org with N events (rate limits off, in a child process),
// a fresh embedded PostgreSQL, sync passes until caught up. Then PostgreSQL's own COPY loads the same rows
// into an identical table in the same run, as the ceiling. Prints JSON; target ≥ 20,000 events/s, ratio ≥ 0.5.
import { fork } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { startEmbeddedPostgres } from "../../lib/server/runtime/embedded-postgres";
import { migrateDatabase } from "../../lib/server/runtime/migrate-database";

const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" } } });
const MB = 1024 * 1024;

const scratch = mkdtempSync(path.join(tmpdir(), "watchpost-bench-backfill-"));
chmodSync(scratch, 0o777);
const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, "db"), isEphemeral: false });
const simulator = fork("scripts/bench/simulator.ts", ["--serve", "--events", values.events], { execArgv: ["--import", "tsx"], stdio: "inherit" });
try {
  await migrateDatabase({ ownerUrl: database.ownerUrl, appUrl: database.url });
  Object.assign(process.env, { DATABASE_URL: database.url, WATCHPOST_SECRET: "bench-secret-0123456789abcdef0123456789", LOG_LEVEL: "silent" });
  const [ready] = (await once(simulator, "message")) as [{ baseUrl: string; orgId: string; apiKey: string; events: number; loadSeconds: number }];

  const { createConnector } = await import("../../lib/server/services/connectors/create-connector");
  const { runSyncPass } = await import("../../lib/server/services/sync/run-sync-pass");
  const { makeUser } = await import("../../lib/testing/factories");
  const { principal } = await makeUser("admin");
  const connector = await createConnector({
    actor: principal,
    input: { name: "Bench", orgId: ready.orgId, apiKey: ready.apiKey, baseUrl: ready.baseUrl, backfillDays: 180 },
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  let stored = 0;
  for (let pass = 0; pass < 10_000; pass++) {
    const result = await runSyncPass({ connectorId: connector.id, workerId: "bench", perMinute: 10_000_000, budgetMs: 60_000, logger: pino({ level: "silent" }) });
    stored += result.stored;
    if (result.outcome === "caught_up") break;
    if (result.outcome !== "more") throw new Error(`sync pass ended with ${result.outcome}`);
  }
  const syncSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  // The ceiling: COPY the very same rows into an identical empty table.
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  const csv = path.join(scratch, "activities.csv");
  await client.query(`COPY activities TO '${csv}' WITH (FORMAT csv)`);
  await client.query("CREATE TABLE activities_copy (LIKE activities INCLUDING ALL)");
  const copyStarted = performance.now();
  const copied = await client.query(`COPY activities_copy FROM '${csv}' WITH (FORMAT csv)`);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  // Where the ceiling goes: the same COPY without the trigram index, and with the primary key only.
  const copyInto = async (table: string, keep: (indexDef: string) => boolean) => {
    await client.query(`CREATE TABLE ${table} (LIKE activities INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    const indexes = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'activities'");
    for (const { indexdef } of indexes.rows.filter((r) => keep(r.indexdef))) {
      await client.query(indexdef.replace(/INDEX (\S+) ON (\S+\.)?activities /, `INDEX $1_${table} ON ${table} `));
    }
    const at = performance.now();
    const result = await client.query(`COPY ${table} FROM '${csv}' WITH (FORMAT csv)`);
    return Math.round((result.rowCount ?? 0) / ((performance.now() - at) / 1000));
  };
  const copyWithoutTrigram = await copyInto("activities_copy_no_trgm", (def) => !def.includes("gin_trgm_ops"));
  const copyPrimaryKeyOnly = await copyInto("activities_copy_pk", (def) => def.includes("_pkey"));
  await client.end();

  const syncRate = stored / syncSeconds;
  const copyRate = (copied.rowCount ?? 0) / copySeconds;
  console.log(
    JSON.stringify(
      {
        benchmark: "backfill",
        simulatorEvents: ready.events,
        activitiesStored: stored,
        droppedOrFiltered: ready.events - stored,
        syncSeconds: Number(syncSeconds.toFixed(1)),
        activitiesPerSecond: Math.round(syncRate),
        copyRowsPerSecond: Math.round(copyRate),
        copyRowsPerSecondWithoutTrigramIndex: copyWithoutTrigram,
        copyRowsPerSecondPrimaryKeyOnly: copyPrimaryKeyOnly,
        ratioToCopy: Number((syncRate / copyRate).toFixed(2)),
        workerPeakRssMb: Math.round(peakRss / MB),
        targets: { activitiesPerSecond: 20_000, ratioToCopy: 0.5 },
        meetsTargets: syncRate >= 20_000 && syncRate / copyRate >= 0.5,
      },
      null,
      2,
    ),
  );
} finally {
  simulator.kill("SIGKILL");
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
