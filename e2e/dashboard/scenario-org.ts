import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import { ZScenario } from "../../lib/simulator/scenario/schema";
import { startSimulator, type TRunningSimulator } from "../../lib/simulator/start-simulator";

const DAYS = 10;

/**
 * A simulator of our own with docs/scenarios/acme.json moved to the last 10 days (43 users, logins from many
 * places, failed logins, admin work, random attack episodes), connected to the e2e instance through the API.
 * Resolves once the worker has stored the history and folded it into the rollups.
 */
export const connectScenarioOrg = async (request: APIRequestContext, name: string): Promise<{ sim: TRunningSimulator; connectorId: string }> => {
  const raw = JSON.parse(readFileSync("docs/scenarios/acme.json", "utf8")) as Record<string, unknown> & { org: Record<string, unknown> };
  const orgId = randomUUID();
  const apiKey = `e2e-key-${randomUUID()}`;
  const scenario = ZScenario.parse({
    ...raw,
    start: new Date(Date.now() - DAYS * 86_400_000).toISOString(),
    days: DAYS,
    episodes: [],
    randomEpisodes: { perDay: 1, afterDays: 1 },
    org: { ...raw.org, id: orgId, apiKeys: [{ key: apiKey, label: "e2e" }] },
  });
  const sim = await startSimulator({ port: 0, scenario, rateLimits: { enabled: false } });
  const created = await request.post("/api/v1/connectors", { data: { name, orgId, apiKey, baseUrl: sim.baseUrl, backfillDays: DAYS + 1 } });
  expect(created.status()).toBe(201);
  const connectorId = ((await created.json()) as { id: string }).id;
  // Synced: Connected with every activity stored, and the rollups have caught up (the dashboard's 90-day total).
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/connectors/${connectorId}`)).json()) as { status: string }).status, { timeout: 90_000 })
    .toBe("connected");
  const stored = ((await (await request.get(`/api/v1/connectors/${connectorId}`)).json()) as { stats: { activitiesStored: number } }).stats.activitiesStored;
  expect(stored).toBeGreaterThan(200);
  await expect
    .poll(async () => ((await (await request.get("/api/v1/dashboard?range=90d")).json()) as { kpis: { activities: number } }).kpis.activities, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(stored);
  return { sim, connectorId };
};
