import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { listEventIds } from "../../repositories/activity-repository";
import { createConnector } from "../connectors/create-connector";
import { getConnectorOrThrow } from "../connectors/get-connectors";
import { runSyncPass, type SyncPassOutcome } from "./run-sync-pass";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });

const setFaults = async (body: Record<string, unknown>) => {
  const response = await fetch(`${sim.baseUrl}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.status).toBeLessThan(300);
};

/** Runs passes until the stream is empty; returns the outcomes seen on the way. */
const syncToEnd = async (connectorId: string, options: { clearFaultsAfter?: number } = {}) => {
  const outcomes: SyncPassOutcome[] = [];
  for (let i = 0; i < 40; i++) {
    if (options.clearFaultsAfter !== undefined && i === options.clearFaultsAfter) await fetch(`${sim.baseUrl}/__sim/faults`, { method: "DELETE" });
    const { outcome } = await runSyncPass({ connectorId, workerId: "w", perMinute: 100_000, budgetMs: 10_000, logger });
    outcomes.push(outcome);
    if (outcome === "caught_up") return outcomes;
  }
  throw new Error(`never caught up: ${outcomes.join(", ")}`);
};

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);
afterEach(() => fetch(`${sim.baseUrl}/__sim/faults`, { method: "DELETE" }));

const prepare = async (count: number) => {
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name: "Faulty", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  const events = loginEvents(org.users.slice(0, 4), count);
  await postEvents(sim.baseUrl, org.orgId, events);
  return { org, connector, expected: new Set(events.map((e) => e.id)) };
};

const expectExactly = async (connectorId: string, expected: Set<string>) => {
  const ids = await listEventIds(connectorId);
  expect(ids.length).toBe(expected.size);
  expect(new Set(ids)).toEqual(expected);
};

describe("sync under faults: nothing lost, nothing duplicated, back to Connected", () => {
  it.each([
    ["500s on every page, then recovery", { serverErrorRate: 1 }, 2],
    ["malformed bodies, then recovery", { malformedRate: 1 }, 2],
    ["a 429 storm", { rateLimitStormSeconds: 3 }, 2],
  ])("%s", async (_name, fault, clearAfter) => {
    const { org, connector, expected } = await prepare(1500);
    await setFaults({ ...fault, orgId: org.orgId, pathContains: "/events-stream" });
    const outcomes = await syncToEnd(connector.id, { clearFaultsAfter: clearAfter });
    expect(outcomes[0]).toBe("retrying");
    const degraded = await getConnectorOrThrow(connector.id);
    expect(degraded.status).toBe("connected");
    await expectExactly(connector.id, expected);
  });

  it.each([
    ["truncated pages", { truncateRate: 1 }],
    ["duplicates across pages", { duplicateRate: 1, duplicateCount: 7 }],
    ["processedAt reordering", { reorderWindowMs: 5_000 }],
    ["a mix at 30%", { truncateRate: 0.3, duplicateRate: 0.3, serverErrorRate: 0.3, malformedRate: 0.3 }],
  ])("%s", async (_name, fault) => {
    const { org, connector, expected } = await prepare(2500);
    await setFaults({ ...fault, orgId: org.orgId, pathContains: "/events-stream" });
    await syncToEnd(connector.id);
    // Under faults a pass may stop early (a cut page of repeats looks like the head); the next poll goes on.
    await syncToEnd(connector.id, { clearFaultsAfter: 0 });
    await expectExactly(connector.id, expected);
    expect((await getConnectorOrThrow(connector.id)).status).toBe("connected");
  });

  it("records a 429 as Degraded with the next retry time and counts it", async () => {
    const { org, connector } = await prepare(10);
    await setFaults({ rateLimitStormSeconds: 20, orgId: org.orgId, pathContains: "/events-stream" });
    await runSyncPass({ connectorId: connector.id, workerId: "w", perMinute: 100_000, budgetMs: 5_000, logger });
    const dto = await getConnectorOrThrow(connector.id);
    expect(dto.status).toBe("degraded");
    expect(dto.statusDetail).toMatch(/Rate limited/);
    expect(new Date(dto.nextRetryAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    expect(dto.stats.rateLimitedResponses).toBe(1);
  });
});
