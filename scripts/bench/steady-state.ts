// npm run bench:steady [-- --seconds 120 --rate 50]
// Steady state: live activity at `rate` events/s into a simulator org, synced by a real worker process
// (default 10 s polling). Prints p50/p95/max lag from processedAt to stored and the worker's peak RSS.
// Targets: p95 lag ≤ 15 s, worker RSS ≤ 300 MB.
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg } from "../../lib/testing/sim-org";
import { connectBenchOrg, startBenchDatabase } from "./bench-setup";
import { postLiveActivity, readIngestionLags, startBenchWorker, summarizeLags, waitForStored } from "./lib/live-ingestion";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "120" }, rate: { type: "string", default: "50" } } });
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const database = await startBenchDatabase("steady");
const sim = await startSimulator({ rateLimits: { enabled: false } });
const org = await createSimOrg(sim.baseUrl, { users: 50 });
const connector = await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.orgId, apiKey: org.apiKey }, 0);
const worker = startBenchWorker();
try {
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  let peakRss = 0;
  const sampleRss = () => (peakRss = Math.max(peakRss, worker.rssMb()));
  await postLiveActivity({ baseUrl: sim.baseUrl, orgId: org.orgId, members, rate, seconds, onSecond: sampleRss });
  const expected = seconds * rate;
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  await waitForStored(client, expected, {}, { onPoll: sampleRss });
  const lags = await readIngestionLags(client);
  await client.end();
  const lag = summarizeLags(lags);
  console.log(
    JSON.stringify(
      {
        benchmark: "steady state",
        eventsPerSecond: rate,
        seconds,
        eventsExpected: expected,
        eventsStored: lags.length,
        lagSeconds: lag,
        workerPeakRssMb: Math.round(peakRss),
        connectorId: connector.id,
        targets: { p95LagSeconds: 15, workerRssMb: 300 },
        meetsTargets: lags.length === expected && lag.p95 <= 15 && peakRss <= 300,
      },
      null,
      2,
    ),
  );
} finally {
  worker.stop();
  await sim.close();
  await (await import("../../lib/server/db")).disconnectDb();
  await database.stop();
  process.exit(0);
}
