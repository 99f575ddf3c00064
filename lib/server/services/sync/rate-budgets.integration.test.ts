import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAtlassianClient } from "../../../atlassian";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import type { TRateLimitConfigInput } from "../../../simulator/rate-limiter";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { listEventIds } from "../../repositories/activity-repository";
import { createConnector } from "../connectors/create-connector";
import { getConnectorOrThrow } from "../connectors/get-connectors";
import { createRateGate } from "./rate-gate";
import { runSyncPass, type SyncPassOutcome } from "./run-sync-pass";

const logger = pino({ level: "silent" });
const STREAM = "GET /admin/v1/orgs/{orgId}/events-stream";
let sim: TRunningSimulator | null = null;

type TStats = { requests: Record<string, Record<string, number>>; rateLimited: number };
const stats = async (): Promise<TStats> => (await (await fetch(`${sim?.baseUrl}/__sim/stats`)).json()) as TStats;
const streamRequests = (s: TStats) => Object.values(s.requests[STREAM] ?? {}).reduce((a, b) => a + b, 0);

const setup = async (rateLimits: TRateLimitConfigInput, eventCount: number) => {
  sim = await startSimulator({ rateLimits });
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name: "Budgeted", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  const events = loginEvents(org.users.slice(0, 4), eventCount);
  await postEvents(sim.baseUrl, org.orgId, events);
  return { org, connector, expected: new Set(events.map((e) => e.id)) };
};

/** Spends `count` requests of the key's events-stream window, as another client of the same key would. */
const burn = async (orgId: string, apiKey: string, count: number) => {
  const client = createAtlassianClient({ baseUrl: sim?.baseUrl, apiKey });
  for (let i = 0; i < count; i++) await client.pollEventsStream(orgId, { limit: 1 });
};

const syncToEnd = async (connectorId: string, options: { perMinute?: number; pageLimit: number }) => {
  const outcomes: SyncPassOutcome[] = [];
  for (let i = 0; i < 60; i++) {
    const { outcome } = await runSyncPass({ connectorId, workerId: "w1", budgetMs: 10_000, logger, ...options });
    outcomes.push(outcome);
    if (outcome === "caught_up") return outcomes;
  }
  throw new Error(`never caught up: ${outcomes.join(", ")}`);
};

beforeEach(resetDatabase);
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe("request budgets per endpoint family, learned from the server", () => {
  it("follows per-path limits stated in headers: the stated budget is learned, no 429 at all", async () => {
    const { connector, expected } = await setup({ perPathPerMinute: 1200, perMinute: 1500 }, 150);
    await syncToEnd(connector.id, { pageLimit: 5 });
    expect(new Set(await listEventIds(connector.id))).toEqual(expected);
    const after = await stats();
    expect(after.rateLimited).toBe(0);
    expect(streamRequests(after)).toBeGreaterThanOrEqual(31);
    const { rateBudgets } = await getConnectorOrThrow(connector.id);
    expect(rateBudgets.find((b) => b.family === "events-stream")).toMatchObject({ perMinute: 1200, source: "server" });
    expect(rateBudgets.find((b) => b.family === "governance")).toMatchObject({ perMinute: 50, source: "default", remaining: null });
  });

  it("spends only the remaining requests the server states, leaves the last one to live polls and waits for the reset", async () => {
    const { org, connector } = await setup({ perPathPerMinute: 600, perMinute: 1000 }, 300);
    await burn(org.orgId, org.apiKey, 595);
    const { outcome } = await runSyncPass({ connectorId: connector.id, workerId: "w1", budgetMs: 2_000, logger, pageLimit: 5 });
    expect(outcome).toBe("more");
    const after = await stats();
    expect(after.rateLimited).toBe(0);
    // 595 burned + 4 by the first sync (background), which leaves one for live polls.
    expect(streamRequests(after)).toBe(599);
    const budget = (await getConnectorOrThrow(connector.id)).rateBudgets.find((b) => b.family === "events-stream");
    expect(budget).toMatchObject({ perMinute: 600, source: "server", remaining: 1 });
    expect(Date.parse(budget?.resetAt ?? "")).toBeGreaterThan(Date.now());
  });

  it("without headers (429 only), backs off on Retry-After, lowers the budget and converges", async () => {
    const { connector, expected } = await setup({ headers: false, perPathPerMinute: 10, perMinute: 1000, windowMs: 2_000 }, 150);
    // 600/min is the default when the server states nothing: well above the 10 per 2 s the server allows.
    const outcomes = await syncToEnd(connector.id, { perMinute: 600, pageLimit: 5 });
    expect(new Set(await listEventIds(connector.id))).toEqual(expected);
    const after = await stats();
    expect(after.rateLimited).toBeGreaterThanOrEqual(1);
    expect(after.rateLimited).toBeLessThanOrEqual(3);
    expect(outcomes.filter((o) => o === "retrying").length).toBe(after.rateLimited);
    const dto = await getConnectorOrThrow(connector.id);
    expect(dto.rateBudgets.find((b) => b.family === "events-stream")).toMatchObject({ source: "lowered" });
    expect(dto.status).toBe("connected");
  });

  it("two workers share one bucket: together they spend exactly what the server states, no 429", async () => {
    const { org } = await setup({ perPathPerMinute: 600, perMinute: 1000 }, 10);
    await burn(org.orgId, org.apiKey, 594);
    const worker = async () => {
      const gate = createRateGate({ bucketKey: "shared-test-key" });
      const client = createAtlassianClient({ baseUrl: sim?.baseUrl, apiKey: org.apiKey, onResponse: gate.observe });
      const deadline = Date.now() + 2_000;
      let sent = 0;
      while (await gate.acquire("events-stream", "live", deadline)) {
        await client.pollEventsStream(org.orgId, { limit: 1 });
        sent++;
      }
      return sent;
    };
    const sent = await Promise.all([worker(), worker()]);
    const after = await stats();
    expect(after.rateLimited).toBe(0);
    // The connector's verification read the stream once too: the two workers sent the rest between them.
    expect(sent[0] + sent[1]).toBeGreaterThanOrEqual(streamRequests(after) - 595);
    expect(streamRequests(after)).toBeLessThanOrEqual(600);
    expect(streamRequests(after)).toBeGreaterThanOrEqual(598);
  });
});
