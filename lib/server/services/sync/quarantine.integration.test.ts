import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isMalformedEventId } from "../../../simulator/faults";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { querySql } from "../../../testing/test-database";
import { clearSimFaults, createSimOrg, loginEvents, postEvents, setSimFaults } from "../../../testing/sim-org";
import { listEventIds } from "../../repositories/activity-repository";
import { updateConnector } from "../../repositories/connector-repository";
import { createConnector } from "../connectors/create-connector";
import { exportQuarantinedEvents } from "../connectors/export-quarantined-events";
import { getConnectorOrThrow } from "../connectors/get-connectors";
import { listQuarantinedEventsOfConnector } from "../connectors/list-quarantined-events";
import { runSyncPass } from "./run-sync-pass";

// Issue 19 part 2: a malformed event never blocks a connector.
let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const pass = (connectorId: string) => runSyncPass({ connectorId, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);
afterEach(() => clearSimFaults(sim.baseUrl));

const connect = async () => {
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  return { org, connector, members: org.users.filter((u) => u.email.endsWith("@acme.test")) };
};


const quarantinedRows = (connectorId: string) =>
  querySql<{ event_id: string; reason: string; seen_count: number; raw: string }>(
    "SELECT event_id, reason, seen_count, raw FROM quarantined_events WHERE connector_id = $1 ORDER BY event_id",
    [connectorId],
  );

describe("tolerant parsing against the simulator", () => {
  it("stores an event whose context and container come as single objects", async () => {
    const { org, connector, members } = await connect();
    const [login] = loginEvents(members, 1);
    const target = members[1];
    if (!login || !target) throw new Error("no members");
    const event = {
      ...login,
      attributes: {
        ...login.attributes,
        action: "user_added_to_group",
        context: [{ id: target.accountId, type: "users", attributes: { email: target.email, name: target.name } }],
        container: [{ id: "site-1", type: "sites", attributes: { siteHostName: "https://acme.atlassian.net", siteName: "acme" } }],
      },
    };
    await postEvents(sim.baseUrl, org.orgId, [event]);
    await setSimFaults(sim.baseUrl, { singleObjectResources: true, orgId: org.orgId });

    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 1 });
    const rows = await querySql<{ target_name: string; site_name: string; targets: unknown }>(
      "SELECT target_name, site_name, targets FROM activities WHERE connector_id = $1",
      [connector.id],
    );
    expect(rows).toEqual([{ target_name: target.name, site_name: "acme", targets: [{ id: target.accountId, name: target.name, type: "users" }] }]);
    const dto = await getConnectorOrThrow(connector.id);
    expect([dto.status, dto.stats.eventsQuarantined]).toEqual(["connected", 0]);
  });
});

describe("quarantine", () => {
  it("stores the valid events of a page, quarantines the malformed one once, advances the cursor and stays Connected", async () => {
    const { org, connector, members } = await connect();
    const events = loginEvents(members, 600);
    const rate = 0.01;
    const malformed: string[] = events.map((e) => e.id).filter((id) => isMalformedEventId(id, rate));
    expect(malformed.length).toBeGreaterThan(0);
    await postEvents(sim.baseUrl, org.orgId, events);
    await setSimFaults(sim.baseUrl, { malformedEventRate: rate, orgId: org.orgId });

    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 600 - malformed.length });
    const stored = new Set(await listEventIds(connector.id));
    expect(stored).toEqual(new Set(events.map((e) => e.id).filter((id) => !malformed.includes(id))));
    const rows = await quarantinedRows(connector.id);
    expect(rows.map((r) => r.event_id)).toEqual([...malformed].sort());
    expect(rows[0]).toMatchObject({ reason: "attributes.action: Invalid input: expected string, received object", seen_count: 1 });
    expect(JSON.parse(rows[0]?.raw ?? "{}")).toMatchObject({ id: rows[0]?.event_id, attributes: { action: { key: "user_login" } } });
    let dto = await getConnectorOrThrow(connector.id);
    expect([dto.status, dto.statusDetail, dto.stats.eventsQuarantined, dto.stats.activitiesStored]).toEqual(["connected", null, malformed.length, 600 - malformed.length]);

    // The cursor moved past them: new events come in, the quarantined ones are not read again.
    const later = loginEvents(members, 5);
    await postEvents(sim.baseUrl, org.orgId, later);
    const laterMalformed = later.filter((e) => isMalformedEventId(e.id, rate)).length;
    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 5 - laterMalformed });
    expect((await quarantinedRows(connector.id)).every((r) => r.seen_count === 1)).toBe(true);

    // A re-sync from the start (a lost cursor, a replayed page) duplicates nothing: each quarantined event is one row, seen twice.
    await updateConnector(connector.id, { cursor: null });
    await pass(connector.id);
    const again = await quarantinedRows(connector.id);
    expect(again).toHaveLength(malformed.length + laterMalformed);
    expect(again.filter((r) => malformed.includes(r.event_id)).every((r) => r.seen_count === 2)).toBe(true);
    dto = await getConnectorOrThrow(connector.id);
    expect([dto.status, dto.stats.eventsQuarantined, dto.stats.activitiesStored]).toEqual(["connected", malformed.length + laterMalformed, 605 - malformed.length - laterMalformed]);

    // Listed newest first with a keyset cursor, and exported with the raw JSON.
    const first = await listQuarantinedEventsOfConnector({ connectorId: connector.id, query: { limit: 2 } });
    expect(first.total).toBe(malformed.length + laterMalformed);
    expect(first.data[0]).toMatchObject({ reason: expect.stringMatching(/^attributes\.action: /), seenCount: expect.any(Number), rawTruncated: false });
    if (first.total > 2) expect(first.nextCursor).not.toBeNull();
    const file = await exportQuarantinedEvents({ connectorId: connector.id, batchSize: 2 });
    const lines = (await new Response(file.body).text()).trim().split("\n").map((line) => JSON.parse(line) as { eventId: string; raw: { id: string } });
    expect(lines.map((l) => l.eventId).sort()).toEqual(again.map((r) => r.event_id).sort());
    expect(lines.every((l) => l.raw.id === l.eventId)).toBe(true);
  });

  it("a page whose events are all malformed is not the end of the stream", async () => {
    const { org, connector, members } = await connect();
    const events = loginEvents(members, 40);
    await postEvents(sim.baseUrl, org.orgId, events);
    // Every event malformed on the first pass: the pages are not empty, so the pass reads on to the real end.
    await setSimFaults(sim.baseUrl, { malformedEventRate: 1, orgId: org.orgId });
    expect(await pass(connector.id)).toMatchObject({ outcome: "caught_up", stored: 0 });
    expect(await quarantinedRows(connector.id)).toHaveLength(40);
    expect((await getConnectorOrThrow(connector.id)).status).toBe("connected");
  });

  it("still retries a whole page that is not JSON, and quarantines nothing for it", async () => {
    const { org, connector, members } = await connect();
    await postEvents(sim.baseUrl, org.orgId, loginEvents(members, 10));
    await setSimFaults(sim.baseUrl, { malformedRate: 1, orgId: org.orgId, pathContains: "/events-stream" });
    expect((await pass(connector.id)).outcome).toBe("retrying");
    const dto = await getConnectorOrThrow(connector.id);
    expect([dto.status, dto.stats.eventsQuarantined]).toEqual(["degraded", 0]);
    expect(await quarantinedRows(connector.id)).toEqual([]);
  });
});
