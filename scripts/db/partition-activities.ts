// npm run db:partition-activities [-- --batch 20000]
// Moves an activities table left unpartitioned by the upgrade (a database that had rows when migration
// 20261207200000_partition_activities ran) into its monthly partitions, in batches, then swaps the tables under a
// short lock. Resumable: its progress is stored with each batch, so after a kill run it again. The app keeps working
// meanwhile. The worker's maintenance job does the same a few minutes an hour; this is the fast way.
// Uses DATABASE_URL, or the embedded database of a running `npm start` (.data/runtime.json).
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "../../lib/env";
import { readRuntimeInfo } from "../../lib/server/runtime/runtime-file";

const { values } = parseArgs({ options: { batch: { type: "string", default: "20000" } } });
const env = parseEnv(process.env);
if (!env.DATABASE_URL) {
  const running = readRuntimeInfo(path.resolve(env.WATCHPOST_DATA_DIR));
  if (!running) {
    console.error("No database: set DATABASE_URL, or start Watchpost first with `npm start` (embedded Postgres).");
    process.exit(1);
  }
  process.env.DATABASE_URL = running.databaseUrl;
}
process.env.WATCHPOST_SERVICE = "cli";
process.env.LOG_LEVEL ??= "warn";

const { disconnectDb } = await import("../../lib/server/db");
const { moveActivitiesToPartitions } = await import("../../lib/server/services/activities/move-activities-to-partitions");
const started = performance.now();
try {
  const result = await moveActivitiesToPartitions({
    batchSize: Number(values.batch),
    onProgress: (copied) => process.stderr.write(`\rcopied ${copied.toLocaleString()} rows`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.status === "not_needed"
      ? "activities is partitioned already: nothing to move"
      : `\nactivities partitioned: ${result.totalCopied.toLocaleString()} rows (${result.copied.toLocaleString()} copied by this run) in ${seconds} s`,
  );
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
