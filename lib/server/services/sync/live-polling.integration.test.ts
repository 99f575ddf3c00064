import pino from "pino";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { listEventIds } from "../../repositories/activity-repository";
import { createConnector } from "../connectors/create-connector";
import { runSyncPass } from "./run-sync-pass";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const bounds = { minMs: 300, maxMs: 2_400 };

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);

const pollIntervalOf = async (connectorId: string): Promise<number> => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<{ poll_interval_ms: number }>("SELECT poll_interval_ms FROM connectors WHERE id = $1", [connectorId])).rows[0]?.poll_interval_ms ?? -1;
  } finally {
    await client.end();
  }
};

describe("live polling", () => {
  it("tails a busy org inside one pass, then backs off once it is quiet", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
    const connector = await createConnector({ actor: principal, input: { name: "Live", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    const posted = loginEvents(members, 100);
    await postEvents(sim.baseUrl, org.orgId, posted.slice(0, 20));

    // Events keep arriving while the pass runs: each lands within a poll interval, without a new pass.
    const live = runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger, live: { bounds, untilMs: 10_000 } });
    const storedWithin: number[] = [];
    for (let i = 1; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const batch = posted.slice(i * 20, (i + 1) * 20);
      await postEvents(sim.baseUrl, org.orgId, batch);
      const postedAt = Date.now();
      while ((await listEventIds(connector.id)).length < (i + 1) * 20 && Date.now() - postedAt < 3_000) await new Promise((resolve) => setTimeout(resolve, 25));
      storedWithin.push(Date.now() - postedAt);
    }
    const result = await live;
    expect(result.outcome).toBe("caught_up");
    expect(result.stored).toBe(100);
    expect(new Set(await listEventIds(connector.id))).toEqual(new Set(posted.map((e) => e.id)));
    // Polled every 300–600 ms while busy (plus the page and store time).
    for (const ms of storedWithin) expect(ms).toBeLessThan(1_500);
    // The org went quiet: after two empty polls the pass handed back, the doubled interval stored for the scheduler.
    expect(await pollIntervalOf(connector.id)).toBe(1_200);

    // Quiet passes double it up to the ceiling; new events bring it back to the floor.
    const quietPass = () => runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger, live: { bounds, untilMs: 4_000 } });
    const intervals: number[] = [];
    for (let i = 0; i < 2; i++) {
      await quietPass();
      intervals.push(await pollIntervalOf(connector.id));
    }
    expect(intervals).toEqual([2_400, 2_400]);
    await postEvents(sim.baseUrl, org.orgId, loginEvents(members, 1));
    const tail = quietPass();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await postEvents(sim.baseUrl, org.orgId, loginEvents(members, 1));
    expect((await tail).stored).toBe(2);
  });

  it("a stopping worker ends a live pass at once", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const connector = await createConnector({ actor: principal, input: { name: "Stop", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 10));
    let isStopping = false;
    const started = Date.now();
    const pass = runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger, isStopping: () => isStopping, live: { bounds: { minMs: 2_000, maxMs: 30_000 }, untilMs: 60_000 } });
    // Keep it busy so it tails, then ask it to stop.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    isStopping = true;
    await pass;
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
