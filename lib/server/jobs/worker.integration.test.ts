import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../simulator/start-simulator";
import { makeUser } from "../../testing/factories";
import { resetDatabase } from "../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../testing/sim-org";
import { createConnector } from "../services/connectors/create-connector";

let sim: TRunningSimulator;
const workers: ChildProcess[] = [];

const startWorker = () => {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["lib/server/jobs/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      LOG_LEVEL: process.env.WORKER_TEST_LOG_LEVEL ?? "warn",
      WATCHPOST_SERVICE: "worker",
      WATCHPOST_SYNC_POLL_SECONDS: "1",
      WATCHPOST_RATE_LIMIT_PER_MINUTE: "100000",
    },
    stdio: ["ignore", process.env.WORKER_TEST_LOG_LEVEL ? "inherit" : "ignore", "inherit"],
    detached: true,
  });
  workers.push(child);
  return child;
};

const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
};

const storedCount = async (connectorId: string) => Number((await query<{ n: string }>("SELECT count(*) AS n FROM activities WHERE connector_id = $1", [connectorId]))[0]?.n);

const waitFor = async (check: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  await resetDatabase();
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) process.kill(-(w.pid ?? 0), "SIGKILL");
  await sim.close();
});

describe("worker processes", () => {
  it("lose nothing and duplicate nothing when killed -9 mid-sync, with two workers at once", { timeout: 180_000 }, async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const events = loginEvents(org.users.slice(0, 4), 20_000);
    for (let i = 0; i < events.length; i += 10_000) await postEvents(sim.baseUrl, org.orgId, events.slice(i, i + 10_000));
    const connector = await createConnector({ actor: principal, input: { name: "Killed", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });

    const first = startWorker();
    await waitFor(async () => (await storedCount(connector.id)) > 3_000, 60_000, "the first pages");
    process.kill(-(first.pid ?? 0), "SIGKILL");
    const atKill = await storedCount(connector.id);
    expect(atKill).toBeLessThan(events.length);

    startWorker();
    startWorker();
    await waitFor(async () => (await storedCount(connector.id)) === events.length, 90_000, "all events after the restart");
    await waitFor(
      async () => (await query<{ status: string }>("SELECT status FROM connectors WHERE id = $1", [connector.id]))[0]?.status === "connected",
      30_000,
      "Connected",
    );
    const ids = await query<{ event_id: string }>("SELECT event_id FROM activities WHERE connector_id = $1", [connector.id]);
    expect(ids.length).toBe(events.length);
    expect(new Set(ids.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.id)));
  });
});
