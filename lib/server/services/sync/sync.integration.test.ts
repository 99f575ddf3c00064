import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { listEventIds } from "../../repositories/activity-repository";
import { updateConnector } from "../../repositories/connector-repository";
import { createConnector } from "../connectors/create-connector";
import { getConnectorOrThrow } from "../connectors/get-connectors";
import { rotateApiKey } from "../connectors/rotate-api-key";
import { runSyncPass } from "./run-sync-pass";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const pass = (connectorId: string, workerId = "w1") => runSyncPass({ connectorId, workerId, perMinute: 100_000, budgetMs: 20_000, logger });

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);

const connect = async (name = "Acme") => {
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  return { principal, org, connector };
};

describe("sync against the simulator", () => {
  it("stores every event of verified domains once, drops the rest, and resumes from the cursor", async () => {
    const { org, connector } = await connect();
    const verified = org.users.filter((u) => u.email.endsWith("@acme.test"));
    const outsider = org.users.filter((u) => u.email.endsWith("@gmail.test"));
    const first = loginEvents(verified, 1200);
    await postEvents(sim.baseUrl, org.orgId, [...first, ...loginEvents(outsider, 7)]);

    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 1200 });
    let dto = await getConnectorOrThrow(connector.id);
    expect(dto).toMatchObject({ status: "connected", stats: { activitiesStored: 1200, droppedUnverifiedDomain: 7, usersSynced: 4 } });
    expect(dto.initialSyncDoneAt).not.toBeNull();

    const second = loginEvents(verified, 30);
    await postEvents(sim.baseUrl, org.orgId, second);
    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 30 });
    const ids = await listEventIds(connector.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map((e) => e.id)));

    // Replaying the same events (a duplicate delivery) stores nothing new.
    await postEvents(sim.baseUrl, org.orgId, second.slice(0, 5));
    expect(await pass(connector.id)).toMatchObject({ stored: 0 });
    dto = await getConnectorOrThrow(connector.id);
    expect(dto.stats).toMatchObject({ activitiesStored: 1230, duplicatesSkipped: 5 });
  });

  it("lets only one worker sync a connector at a time", async () => {
    const { org, connector } = await connect();
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 2000));
    const results = await Promise.all([pass(connector.id, "w1"), pass(connector.id, "w2")]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["busy", "caught_up"]);
    expect((await getConnectorOrThrow(connector.id)).stats.activitiesStored).toBe(2000);
  });

  it("turns to Error on a revoked key and resumes without gap after rotation", async () => {
    const { principal, org, connector } = await connect();
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 10));
    await pass(connector.id);
    await fetch(`${sim.baseUrl}/__sim/orgs/${org.orgId}/keys/${org.apiKey}/revoke`, { method: "POST" });
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 2), 15));
    expect((await pass(connector.id)).outcome).toBe("failed");
    expect(await getConnectorOrThrow(connector.id)).toMatchObject({ status: "error", statusDetail: expect.stringMatching(/renew the API key/) });

    await expect(rotateApiKey({ actor: principal, id: connector.id, apiKey: org.apiKey })).rejects.toMatchObject({ status: 400 });
    const newKey = `key-rotated-${connector.id}`;
    await fetch(`${sim.baseUrl}/__sim/orgs/${org.orgId}/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key: newKey }) });
    const rotated = await rotateApiKey({ actor: principal, id: connector.id, apiKey: newKey });
    expect(rotated).toMatchObject({ status: "connected", apiKeyLast4: newKey.slice(-4) });
    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 15 });
    expect((await getConnectorOrThrow(connector.id)).stats.activitiesStored).toBe(25);
  });

  it("turns to Error when the key expires, at Atlassian or by its recorded expiry date", async () => {
    const { org, connector } = await connect();
    await fetch(`${sim.baseUrl}/__sim/orgs/${org.orgId}/keys/${org.apiKey}/expire`, { method: "POST" });
    expect((await pass(connector.id)).outcome).toBe("failed");
    expect(await getConnectorOrThrow(connector.id)).toMatchObject({ status: "error", statusDetail: expect.stringMatching(/renew the API key/) });

    const second = await connect("Second");
    await updateConnector(second.connector.id, { apiKeyExpiresAt: new Date(Date.now() - 1000) });
    expect((await pass(second.connector.id)).outcome).toBe("failed");
    expect(await getConnectorOrThrow(second.connector.id)).toMatchObject({ status: "error", statusDetail: "The API key has expired: renew the API key" });
  });

  it("reports precise verification errors and stores nothing", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const base = { name: "X", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 0 };
    await expect(createConnector({ actor: principal, input: { ...base, apiKey: "wrong-key-123" } })).rejects.toThrow(/API key is invalid, expired or revoked/);
    await expect(createConnector({ actor: principal, input: { ...base, orgId: "00000000-0000-4000-8000-000000000000" } })).rejects.toThrow(/Organization not found/);
    await expect(createConnector({ actor: principal, input: { ...base, baseUrl: "http://127.0.0.1:1" } })).rejects.toThrow(/Network unreachable/);
    const created = await createConnector({ actor: principal, input: base });
    await expect(createConnector({ actor: principal, input: base })).rejects.toMatchObject({ code: "conflict" });
    await expect(createConnector({ actor: principal, input: { ...base, name: "Other" } })).rejects.toThrow(/already connected/);
    expect(created.apiKeyLast4).toBe(org.apiKey.slice(-4));
    expect(JSON.stringify(created)).not.toContain(org.apiKey);
  });
});
