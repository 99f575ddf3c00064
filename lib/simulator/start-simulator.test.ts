import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAtlassianClient } from "../atlassian/client";
import { loadServerTls } from "../proxy/tls-material";
import { ZScenario } from "./scenario/schema";
import { startSimulator } from "./start-simulator";
import { API_KEY, control, loginEvent, ORG_ID, postEvents, startWithAcme, T0 } from "./test-support";

const acme = ZScenario.parse(JSON.parse(readFileSync(new URL("../../docs/scenarios/acme.json", import.meta.url), "utf8")));

describe("startSimulator", () => {
  it("serves a scenario on a free loopback port and reports its orgs", async () => {
    const simulator = await startSimulator({ scenario: acme, now: () => new Date("2026-02-01T00:00:00Z") });
    try {
      expect(simulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(simulator.orgs).toEqual([{ id: acme.org.id, name: "Acme", apiKeys: ["acme-admin-api-key-0001"] }]);
      const client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: "acme-admin-api-key-0001" });
      const page = await client.pollEventsStream(acme.org.id, { limit: 500 });
      expect(page.events).toHaveLength(500);
      expect(page.events[0]?.attributes.time.startsWith("2026-01-01")).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it("uses --seed over the scenario's seed: same seed, same event ids", async () => {
    const ids = async (seed: number) => {
      const simulator = await startSimulator({ scenario: acme, seed, now: () => new Date("2026-02-01T00:00:00Z") });
      try {
        const client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: "acme-admin-api-key-0001" });
        return (await client.pollEventsStream(acme.org.id, { limit: 50 })).events.map((event) => event.id);
      } finally {
        await simulator.close();
      }
    };
    expect(await ids(9)).toEqual(await ids(9));
    expect(await ids(9)).not.toEqual(await ids(10));
  });

  it("serves the same state over HTTPS when asked (as Atlassian's sites are)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sim-tls-"));
    const { cert, key } = loadServerTls({ dataDir: dir, domain: "localhost" });
    const simulator = await startSimulator({ scenario: acme, now: () => new Date("2026-02-01T00:00:00Z"), tls: { cert, key } });
    try {
      expect(simulator.tlsPort).toBeGreaterThan(0);
      const viaHttps = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest({ host: "127.0.0.1", port: simulator.tlsPort, path: `/admin/v1/orgs/${acme.org.id}`, headers: { authorization: "Bearer acme-admin-api-key-0001" }, rejectUnauthorized: false }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        req.end();
      });
      const viaHttp = await fetch(`${simulator.baseUrl}/admin/v1/orgs/${acme.org.id}`, { headers: { authorization: "Bearer acme-admin-api-key-0001" } });
      expect(viaHttps.status).toBe(200);
      expect(JSON.parse(viaHttps.body)).toEqual(await viaHttp.json());
    } finally {
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("closes promptly even with a hung request open", async () => {
    const simulator = await startSimulator({ scenario: acme, now: () => new Date("2026-02-01T00:00:00Z") });
    await control(simulator.baseUrl, "POST", "/faults", { hangRate: 1 });
    const hung = fetch(`${simulator.baseUrl}/admin/v1/orgs`, { headers: { Authorization: "Bearer acme-admin-api-key-0001" } }).catch((error: unknown) => error);
    // Wait until the server has swallowed the request (stats count it with status "0").
    for (let seen = false; !seen; ) {
      const stats = (await (await control(simulator.baseUrl, "GET", "/stats")).json()) as { requests: Record<string, Record<string, number>> };
      seen = stats.requests["GET /admin/v1/orgs"]?.["0"] === 1;
    }
    const started = performance.now();
    await simulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hung).toBeInstanceOf(Error);
  });

  it("records when each event became visible to a poll, with recordVisibility, in wall-clock time", async () => {
    // A fake simulator clock: visibility is still real time, since it is compared with other processes' clocks.
    const simulator = await startWithAcme({ recordVisibility: true, now: () => new Date(T0) });
    try {
      const before = Date.now();
      await postEvents(simulator.baseUrl, [loginEvent("first", T0 - 1000)]);
      const between = Date.now();
      await postEvents(simulator.baseUrl, [loginEvent("second", T0 - 500), loginEvent("first", T0 - 1000)]);
      const after = Date.now();
      const first = simulator.visibleAt(ORG_ID, "first") ?? 0;
      const second = simulator.visibleAt(ORG_ID, "second") ?? 0;
      expect(first).toBeGreaterThanOrEqual(before);
      expect(first).toBeLessThanOrEqual(between);
      expect(second).toBeGreaterThanOrEqual(between);
      expect(second).toBeLessThanOrEqual(after);
      expect(simulator.visibleAt(ORG_ID, "unknown")).toBeUndefined();
      // Visible means served: a poll right after the append returns the event.
      const client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: API_KEY });
      expect((await client.pollEventsStream(ORG_ID, { limit: 10 })).events.map((event) => event.id)).toContain("second");
    } finally {
      await simulator.close();
    }
  });

  it("records no visibility by default", async () => {
    const simulator = await startWithAcme();
    try {
      await postEvents(simulator.baseUrl, [loginEvent("first", Date.now() - 1000)]);
      expect(simulator.visibleAt(ORG_ID, "first")).toBeUndefined();
      expect(simulator.state.orgs.get(ORG_ID)?.events.visibleAt).toBeNull();
    } finally {
      await simulator.close();
    }
  });
});
