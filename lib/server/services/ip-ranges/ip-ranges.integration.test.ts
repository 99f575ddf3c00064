import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZCreateIpRangeInput } from "../../../shared/schemas/ip-ranges";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
// eslint-disable-next-line no-restricted-imports -- the test checks the stored rows themselves
import { getDb } from "../../db";
import { createConnector } from "../connectors/create-connector";
import { runSyncPass } from "../sync/run-sync-pass";
import { listIpRangeDtos } from "./list-ip-ranges";
import { invalidateEnrichmentContext } from "./load-enrichment-context";
import { createIpRangeForActor, deleteIpRangeForActor, updateIpRangeForActor } from "./save-ip-range";
import { listThreatLists, removeThreatList, uploadThreatList } from "./threat-lists";

const input = (overrides: Record<string, unknown> = {}) => ZCreateIpRangeInput.parse({ name: "HQ", cidrs: ["203.0.113.0/28"], category: "corporate", ...overrides });

beforeEach(async () => {
  await resetDatabase();
  invalidateEnrichmentContext();
});

describe("IP ranges", () => {
  it("creates canonical ranges, refuses overlaps with other ranges (IPv4 and IPv6), and audits writes", async () => {
    const { principal } = await makeUser("admin");
    const hq = await createIpRangeForActor({ actor: principal, input: input({ cidrs: ["203.0.113.5/28", "2001:DB8:0::/48"], tags: ["office"] }) });
    expect(hq).toMatchObject({ cidrs: ["203.0.113.0/28", "2001:db8::/48"], category: "corporate", tags: ["office"] });

    await expect(createIpRangeForActor({ actor: principal, input: input({ name: "Branch", cidrs: ["203.0.113.8/29"] }) })).rejects.toMatchObject({
      status: 400,
      message: 'CIDR 203.0.113.8/29 overlaps 203.0.113.0/28 of the range "HQ"',
    });
    await expect(createIpRangeForActor({ actor: principal, input: input({ name: "V6", cidrs: ["2001:db8::/32"] }) })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/overlaps 2001:db8::\/48/) });
    await expect(createIpRangeForActor({ actor: principal, input: input({ cidrs: ["198.51.100.0/24"] }) })).rejects.toMatchObject({ status: 409, invalidParams: [{ name: "name" }] });
    await expect(createIpRangeForActor({ actor: principal, input: input({ name: "X", cidrs: ["198.51.100.0/24"], location: { countryCode: "ZZ" } }) })).rejects.toMatchObject({ status: 400 });

    const vpn = await createIpRangeForActor({ actor: principal, input: input({ name: "VPN", cidrs: ["198.51.100.0/26"], category: "vpn", location: { countryCode: "gb", city: "London" } }) });
    expect(vpn.location).toEqual({ countryCode: "GB", city: "London" });
    // Updating a range against itself is no overlap; against another it is.
    await expect(updateIpRangeForActor({ actor: principal, id: vpn.id, input: { cidrs: ["198.51.100.0/25"] } })).resolves.toMatchObject({ cidrs: ["198.51.100.0/25"] });
    await expect(updateIpRangeForActor({ actor: principal, id: vpn.id, input: { cidrs: ["203.0.113.0/24"] } })).rejects.toMatchObject({ status: 400 });
    await deleteIpRangeForActor({ actor: principal, id: hq.id });
    await expect(deleteIpRangeForActor({ actor: principal, id: hq.id })).rejects.toMatchObject({ status: 404 });
    expect((await listIpRangeDtos()).map((r) => r.name)).toEqual(["VPN"]);
    const actions = (await getDb().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["ip_range.created", "ip_range.created", "ip_range.updated", "ip_range.deleted"]);
  });

  it("keeps concurrent writes free of overlaps (advisory lock)", async () => {
    const { principal } = await makeUser("admin");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createIpRangeForActor({ actor: principal, input: input({ name: `R${i}`, cidrs: [`10.0.${i}.0/24`, "10.9.0.0/16"] }) })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("lists the threat lists in force and lets an upload replace the built-in one", async () => {
    const { principal } = await makeUser("admin");
    const before = await listThreatLists();
    expect(before.find((l) => l.tag === "tor")).toMatchObject({ origin: "builtin", listDate: "2026-11-24", entryCount: 5 });
    const after = await uploadThreatList({ actor: principal, tag: "tor", input: { source: "Tor Project exit list", listDate: "2026-11-23", cidrs: ["198.51.100.7/32", "198.51.100.7/32"] } });
    expect(after.find((l) => l.tag === "tor")).toMatchObject({ origin: "uploaded", source: "Tor Project exit list", listDate: "2026-11-23", entryCount: 1 });
    expect((await removeThreatList({ actor: principal, tag: "tor" })).find((l) => l.tag === "tor")).toMatchObject({ origin: "builtin" });
  });
});

describe("enrichment during a real sync", () => {
  let sim: TRunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { enabled: false } });
  });
  afterAll(() => sim.close());

  it("stores threat tags, range categories and GeoIP locations for events without one", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    await createIpRangeForActor({ actor: principal, input: input({ name: "Office", cidrs: ["203.0.113.0/24"], tags: ["office"] }) });
    const verified = org.users.filter((u) => u.email.endsWith("@acme.test"));
    const events = loginEvents(verified, 4);
    const at = (i: number) => events[i] as { id: string; attributes: { location?: Record<string, string> } };
    at(0).attributes.location = { ip: "185.220.101.44" };
    at(1).attributes.location = { ip: "81.2.69.142" };
    at(2).attributes.location = { ip: "2a01:4f8::1" };
    // Event 3 keeps its own London location and an office IP.
    await postEvents(sim.baseUrl, org.orgId, events);
    await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: pino({ level: "silent" }) });

    const rows = await getDb().activity.findMany({ select: { eventId: true, ipCategory: true, ipTags: true, countryCode: true, city: true, locationSource: true, searchText: true } });
    const byId = new Map(rows.map((r) => [r.eventId, r]));
    expect(byId.get(at(0).id)).toMatchObject({ ipCategory: "risky", ipTags: ["tor"], countryCode: "DE", locationSource: "geoip" });
    expect(byId.get(at(1).id)).toMatchObject({ ipCategory: null, ipTags: [], countryCode: "GB", locationSource: "geoip" });
    expect(byId.get(at(1).id)?.searchText).toContain("united kingdom");
    expect(byId.get(at(2).id)).toMatchObject({ countryCode: "DE", locationSource: "geoip" });
    expect(byId.get(at(3).id)).toMatchObject({ ipCategory: "corporate", ipTags: ["office"], city: "London", locationSource: "event" });
  });
});
