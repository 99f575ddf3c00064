// npx tsx scripts/bench/governance.ts [--users 300 --requests 30 --latency-ms 0]
// Governance actions against the simulator, as the worker runs them (500 ms polling loop):
// 1. request → succeeded latency of single suspend_user actions (one at a time);
// 2. throughput of a burst of suspend_user actions, one worker and then two sharing the outbox
//    (FOR UPDATE SKIP LOCKED); 3. a burst of require_sign_in (list + delete of each user's tokens).
// `--latency-ms` adds the simulator's per-request delay (a real Atlassian API answers in 100–300 ms).
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { connectBenchOrg, percentile, startBenchDatabase } from "./bench-setup";

const { values } = parseArgs({
  options: { users: { type: "string", default: "300" }, requests: { type: "string", default: "30" }, "latency-ms": { type: "string", default: "0" } },
});
const USERS = Number(values.users);
const REQUESTS = Number(values.requests);
const LATENCY_MS = Number(values["latency-ms"]);
const log = (line: string) => process.stderr.write(`bench:governance: ${line}\n`);

const main = async () => {
  const database = await startBenchDatabase("governance");
  const sim = await startSimulator({ port: 0, rateLimits: { enabled: false } });
  const db = new pg.Client({ connectionString: database.ownerUrl });
  await db.connect();
  try {
    const { createSimOrg } = await import("../../lib/testing/sim-org");
    const { runSyncPass } = await import("../../lib/server/services/sync/run-sync-pass");
    const { runGovernLoop } = await import("../../lib/server/services/governance/run-govern-loop");
    const { requestGovernanceAction } = await import("../../lib/server/services/governance/request-governance-action");
    const { makeUser } = await import("../../lib/testing/factories");
    const { logger } = await import("../../lib/server/logger");
    const { disconnectDb } = await import("../../lib/server/db");
    const org = await createSimOrg(sim.baseUrl, { users: USERS });
    const connector = await connectBenchOrg({ ...org, baseUrl: sim.baseUrl }, 1);
    await runSyncPass({ connectorId: connector.id, workerId: "bench", perMinute: 100_000, budgetMs: 60_000, logger });
    const { principal } = await makeUser("analyst");
    if (LATENCY_MS > 0) await fetch(`${sim.baseUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: LATENCY_MS }) });
    const members = org.users.slice(0, USERS);
    const request = (action: "suspend_user" | "unsuspend_user" | "require_sign_in", accountId: string) =>
      requestGovernanceAction({ actor: principal, input: { action, accountId, connectorId: connector.id, reason: "bench" } });
    const pending = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM governance_actions WHERE status = 'pending'")).rows[0]?.n);
    const failed = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM governance_actions WHERE status = 'failed'")).rows[0]?.n);

    // A worker loop in the background, as the govern job runs it.
    const runWorkers = (count: number) => {
      let stop = false;
      const loops = Array.from({ length: count }, async () => {
        while (!stop) await runGovernLoop({ durationMs: 30_000, intervalMs: 500, perMinute: 100_000, logger, isStopping: () => stop });
      });
      return async () => {
        stop = true;
        await Promise.all(loops);
      };
    };

    log(`latency: ${REQUESTS} single suspend_user requests`);
    const stopOne = runWorkers(1);
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const accountId = members[i % members.length]!.accountId;
      const started = performance.now();
      const entry = await request(i % 2 === 0 ? "suspend_user" : "unsuspend_user", accountId);
      for (;;) {
        const { rows } = await db.query<{ status: string }>("SELECT status FROM governance_actions WHERE id = $1", [entry.id]);
        if (rows[0]?.status !== "pending") break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      latencies.push(performance.now() - started);
      // Requests arrive at random moments relative to the 500 ms poll.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
    }
    await stopOne();
    await db.query("UPDATE governance_actions SET status = 'succeeded' WHERE status = 'pending'");

    const burst = async (label: string, action: "suspend_user" | "unsuspend_user" | "require_sign_in", workers: number) => {
      const startedQueue = performance.now();
      for (const member of members) await request(action, member.accountId);
      const queueMs = performance.now() - startedQueue;
      const started = performance.now();
      const stop = runWorkers(workers);
      while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const seconds = (performance.now() - started) / 1000;
      await stop();
      const result = { actions: members.length, workers, queueMsPerRequest: +(queueMs / members.length).toFixed(1), seconds: +seconds.toFixed(2), perSecond: Math.round(members.length / seconds), failed: await failed() };
      log(`${label}: ${JSON.stringify(result)}`);
      return result;
    };
    const suspendOneWorker = await burst("suspend, 1 worker", "suspend_user", 1);
    const unsuspendTwoWorkers = await burst("unsuspend, 2 workers", "unsuspend_user", 2);
    const revokeOneWorker = await burst("require_sign_in, 1 worker", "require_sign_in", 1);
    await disconnectDb();
    process.stdout.write(
      `${JSON.stringify(
        {
          users: USERS,
          simulatorLatencyMs: LATENCY_MS,
          requestToSucceededMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: Math.round(Math.max(...latencies)) },
          suspendOneWorker,
          unsuspendTwoWorkers,
          revokeOneWorker,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await db.end();
    await sim.close();
    await database.stop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:governance failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
