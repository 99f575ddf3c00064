import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAtlassianClient } from "../../../atlassian";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { createSimOrg } from "../../../testing/sim-org";
import { makeConnectorRow } from "../../../testing/connector-row";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
// eslint-disable-next-line no-restricted-imports -- the test checks the stored rows themselves
import { getDb } from "../../db";
import { createConnector } from "../connectors/create-connector";
import { silentLogger } from "../governance/governance.fixture";
import { runSyncPass } from "../sync/run-sync-pass";
import { syncSites } from "../sync/sync-sites";
import { listConnectorSiteDtos } from "./list-connector-sites";
import { setSiteProtection } from "./set-site-protection";

const ORG_ID = "0c3e5e7a-org";
const KEY = "workspaces-test-key";

const workspace = (id: string, typeKey: string, hostUrl: string) => ({
  id,
  type: "workspaces",
  attributes: { name: id, typeKey, type: typeKey, owner: ORG_ID, status: "online", hostUrl, createdAt: "2026-01-01T00:00:00Z" },
  links: { self: `/admin/v2/orgs/${ORG_ID}/workspaces/${id}` },
});

// The Org Workspaces API as documented: POST with `{limit}` first, then `{cursor}` alone; links.next carries the cursor.
const PAGES = [
  [workspace("w1", "jira-software", "https://acme.atlassian.net"), workspace("w2", "confluence", "https://acme.atlassian.net"), workspace("w3", "bitbucket", "https://bitbucket.org/acme")],
  [workspace("w4", "confluence", "https://acme-eu.atlassian.net"), workspace("w5", "jira-software", "https://evil.example.com")],
  [workspace("w6", "jira-servicedesk", "https://acme-eu.atlassian.net")],
];

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text || "{}") as Record<string, unknown>;
};

let server: Server;
let baseUrl: string;
let status = 200;
const bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    bodies.push(body);
    const isOurs = req.method === "POST" && req.url === `/admin/v2/orgs/${ORG_ID}/workspaces` && req.headers.authorization === `Bearer ${KEY}`;
    if (!isOurs || status !== 200) {
      res.writeHead(isOurs ? status : 404, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ status: String(status), title: "refused" }] }));
      return;
    }
    const index = body.cursor === "page-2" ? 1 : body.cursor === "page-3" ? 2 : 0;
    const data = PAGES[index] ?? [];
    // links.next as a URL carrying the cursor, then as the bare cursor (both forms are accepted), then the end.
    const next = [`${baseUrl}/admin/v2/orgs/${ORG_ID}/workspaces?cursor=page-2`, "page-3", null][index];
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({ data, links: { self: req.url, prev: null, next }, meta: { pageSize: 3, startIndex: index * 3, endIndex: index * 3 + data.length, total: 6 } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await resetDatabase();
  status = 200;
  bodies.length = 0;
});

const logs: { msg: string; refused?: string[] }[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line) as { msg: string }) });

const sync = (connectorId: string, missingScopes: string[] = []) =>
  syncSites({ client: createAtlassianClient({ baseUrl, apiKey: KEY, timeoutMs: 5000 }), orgId: ORG_ID, connectorId, acquire: async () => undefined, now: new Date(), logger, missingScopes });

describe("site sync", () => {
  it("pages the workspaces listing, stores one site per atlassian.net host and refuses other hosts", async () => {
    const connector = await makeConnectorRow({ baseUrl });
    expect(await sync(connector.id)).toBe(2);
    expect(bodies).toEqual([{ limit: 100 }, { cursor: "page-2" }, { cursor: "page-3" }]);
    const { data, canListSites } = await listConnectorSiteDtos(connector.id);
    expect(canListSites).toBe(true);
    expect(data.map((s) => [s.host, s.products, s.isProtected, s.proxiedUrl])).toEqual([
      ["acme-eu.atlassian.net", ["confluence", "jira-servicedesk"], false, null],
      ["acme.atlassian.net", ["confluence", "jira-software"], false, null],
    ]);
    expect(logs.find((l) => l.refused)?.refused).toEqual(["https://evil.example.com"]);

    // A second sync keeps the switch and the first-seen time.
    const acme = data.find((s) => s.host === "acme.atlassian.net");
    const { principal } = await makeUser("admin");
    await setSiteProtection({ actor: principal, connectorId: connector.id, siteId: acme?.id ?? "", isProtected: true });
    await sync(connector.id);
    const again = await listConnectorSiteDtos(connector.id);
    expect(again.data.find((s) => s.host === "acme.atlassian.net")).toMatchObject({ isProtected: true, firstSeenAt: acme?.firstSeenAt, proxiedUrl: "https://acme.atlassian.net.proxy.localhost:4443" });
  });

  it("leaves sites alone when the key lacks read:workspaces:admin or the listing answers 403/404", async () => {
    const connector = await makeConnectorRow({ baseUrl, missingScopes: ["read:workspaces:admin"] });
    expect(await sync(connector.id, ["read:workspaces:admin"])).toBeNull();
    expect(bodies).toEqual([]);
    expect((await listConnectorSiteDtos(connector.id)).canListSites).toBe(false);
    for (const refusal of [403, 404]) {
      status = refusal;
      expect(await sync(connector.id)).toBeNull();
    }
    status = 500;
    await expect(sync(connector.id)).rejects.toMatchObject({ name: "AtlassianApiError" });
    expect(await getDb().atlassianSite.count()).toBe(0);
  });
});

describe("Protect through the session proxy", () => {
  it("turns the switch on and off, audited, and refuses another connector's site", async () => {
    const connector = await makeConnectorRow({ baseUrl });
    const other = await makeConnectorRow({ baseUrl });
    await sync(connector.id);
    const [site] = (await listConnectorSiteDtos(connector.id)).data;
    const { principal } = await makeUser("admin");
    const on = await setSiteProtection({ actor: principal, connectorId: connector.id, siteId: site?.id ?? "", isProtected: true });
    expect(on).toMatchObject({ isProtected: true, proxiedUrl: `https://${site?.host}.proxy.localhost:4443` });
    expect(on.protectedAt).not.toBeNull();
    const off = await setSiteProtection({ actor: principal, connectorId: connector.id, siteId: site?.id ?? "", isProtected: false });
    expect(off).toMatchObject({ isProtected: false, protectedAt: null, proxiedUrl: null });
    await expect(setSiteProtection({ actor: principal, connectorId: other.id, siteId: site?.id ?? "", isProtected: true })).rejects.toMatchObject({ status: 404 });
    const events = await getDb().auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, targetName: true } });
    expect(events).toEqual([
      { action: "site.protected", targetName: site?.host },
      { action: "site.unprotected", targetName: site?.host },
    ]);
  });
});

describe("site sync in a sync pass, against the simulator", () => {
  let sim: TRunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ rateLimits: { enabled: false } });
  });
  afterAll(() => sim.close());

  it("stores the simulated org's sites with their products; a key without the scope lists none and the sync goes on", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl, { sites: [{ name: "acme" }, { name: "acme-eu" }] });
    const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    expect(connector.missingScopes).toEqual([]);
    await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
    const { data } = await listConnectorSiteDtos(connector.id);
    expect(data.map((s) => [s.host, s.products])).toEqual([
      ["acme-eu.atlassian.net", ["bitbucket", "confluence", "jira-software"]],
      ["acme.atlassian.net", ["bitbucket", "confluence", "jira-software"]],
    ]);

    const scoped = await createSimOrg(sim.baseUrl, { scopes: ["read:events:admin", "read:directories:admin", "read:domains:admin"] });
    const other = await createConnector({ actor: principal, input: { name: "Scoped", orgId: scoped.orgId, apiKey: scoped.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    expect(other.missingScopes).toContain("read:workspaces:admin");
    const pass = await runSyncPass({ connectorId: other.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
    expect(pass.outcome).toBe("caught_up");
    expect(await listConnectorSiteDtos(other.id)).toEqual({ data: [], canListSites: false });
  });
});
