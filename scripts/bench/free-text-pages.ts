// npx tsx scripts/bench/free-text-pages.ts [-- --data-dir .data/bench/load-db/db --rounds 6]
// Free-text activity pages one at a time against a kept database (bench:load's by default): the first and the
// next page (limit 50) of bench:load's words through findActivityPageWithCursor, and the CPU PostgreSQL spent per
// request (all its processes, from /proc). Run it under `flock /tmp/watchpost-heavy.lock`: one process per
// data folder. The first round warms caches (and the common-word memo) and is left out of the figures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../../lib/server/runtime/embedded-postgres";
import { migrateDatabase } from "../../lib/server/runtime/migrate-database";
import { readCpuSeconds } from "./lib/process-cpu";

const { values } = parseArgs({ options: { "data-dir": { type: "string", default: ".data/bench/load-db/db" }, rounds: { type: "string", default: "6" } } });
const WORDS = ["hamilton", "berlin", "lovelace", "api token", "hopper", "bengaluru", "group", "dijkstra", "password reset", "london"];
const rounds = Math.max(2, Number(values.rounds));

const dataDir = path.resolve(values["data-dir"]);
const database = await startEmbeddedPostgres({ dataDir });
// A kept database from before the app role existed gets its grants here.
await migrateDatabase({ ownerUrl: database.ownerUrl, appUrl: database.url });
process.env.DATABASE_URL = database.url;
try {
  const { findActivityPageWithCursor } = await import("../../lib/server/services/activities/list-activities");
  const { decodeActivityCursor } = await import("../../lib/shared/schemas/activities");
  const { getPgPool } = await import("../../lib/server/db");
  const postmasterPid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  // Only PostgreSQL's processes: no web process or worker runs here.
  const postgresSeconds = () => readCpuSeconds({ webPgid: -1, workerPgid: -1, postmasterPid }).postgres;
  const times = new Map<string, number[]>();
  let [cpuSeconds, requests] = [0, 0];
  for (let round = 0; round < rounds; round++) {
    const cpuBefore = postgresSeconds();
    for (const word of WORDS) {
      let started = performance.now();
      const first = await findActivityPageWithCursor({ text: word }, null, 50);
      const firstMs = performance.now() - started;
      started = performance.now();
      const cursor = first.nextCursor ? decodeActivityCursor(first.nextCursor) : null;
      if (cursor) await findActivityPageWithCursor({ text: word }, cursor, 50);
      if (round === 0) continue;
      times.set(`${word} first`, [...(times.get(`${word} first`) ?? []), firstMs]);
      if (cursor) times.set(`${word} next`, [...(times.get(`${word} next`) ?? []), performance.now() - started]);
      requests += cursor ? 2 : 1;
    }
    if (round > 0) cpuSeconds += postgresSeconds() - cpuBefore;
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  const { rows } = await getPgPool().query<{ n: string; shared_buffers: string }>("SELECT count(*)::text AS n, current_setting('shared_buffers') AS shared_buffers FROM activities");
  console.log(
    JSON.stringify(
      {
        activities: Number(rows[0]?.n),
        sharedBuffers: rows[0]?.shared_buffers,
        medianMs: Object.fromEntries([...times].map(([key, list]) => [key, Number(median(list).toFixed(1))])),
        postgresCpuMsPerRequest: Number(((cpuSeconds * 1000) / requests).toFixed(1)),
      },
      null,
      2,
    ),
  );
  await getPgPool().end();
} finally {
  await database.stop();
}
