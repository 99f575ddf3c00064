import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TRunningSimulator } from "../simulator/start-simulator";
import { acmeDefinition, API_KEY, control, createClock, loginEvent, ORG_ID, postEvents, startWithAcme, T0 } from "../simulator/test-support";
import { createAtlassianClient } from "./client";
import { AtlassianApiError } from "./errors";

// Every error kind of the client, produced by the simulator over real HTTP.
const clock = createClock();
let simulator: TRunningSimulator;
const clientWith = (apiKey = API_KEY, timeoutMs = 5000) => createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey, timeoutMs, now: () => clock.ms });

beforeAll(async () => {
  simulator = await startWithAcme({ now: clock.now, rateLimits: { perMinute: 5, eventsPerMinute: 2 } });
  await control(simulator.baseUrl, "POST", "/orgs", acmeDefinition({ id: "other-org", name: "Other", apiKeys: [{ key: "other-org-key-0001" }] }));
  await postEvents(simulator.baseUrl, [loginEvent("e-1", T0 - 1000)]);
});
afterAll(() => simulator.close());
afterEach(async () => {
  await control(simulator.baseUrl, "DELETE", "/faults");
  await control(simulator.baseUrl, "POST", "/rate-limits", {});
});

const caught = async (promise: Promise<unknown>): Promise<AtlassianApiError> => {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AtlassianApiError);
  return error as AtlassianApiError;
};

describe("client errors", () => {
  it("unauthorized for an unknown key, and for keys expired or revoked at run time", async () => {
    expect((await caught(clientWith("no-such-key-000").getOrg(ORG_ID))).kind).toBe("unauthorized");
    await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys`, { key: "rotating-key-0001" });
    await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys`, { key: "rotating-key-0002", expiresAt: new Date(T0 + 60_000).toISOString() });
    await expect(clientWith("rotating-key-0001").getOrg(ORG_ID)).resolves.toMatchObject({ id: ORG_ID });
    await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys/rotating-key-0001/revoke`);
    const revoked = await caught(clientWith("rotating-key-0001").getOrg(ORG_ID));
    expect([revoked.kind, revoked.status, revoked.message]).toEqual(["unauthorized", 401, expect.stringContaining("revoked")]);
    await expect(clientWith("rotating-key-0002").getOrg(ORG_ID)).resolves.toMatchObject({ id: ORG_ID });
    clock.advance(60_000);
    expect((await caught(clientWith("rotating-key-0002").getOrg(ORG_ID))).message).toContain("expired");
  });

  it("not_found for an unknown org, forbidden for another org's", async () => {
    expect((await caught(clientWith().getOrg("no-such-org"))).kind).toBe("not_found");
    expect((await caught(clientWith().getOrg("other-org"))).kind).toBe("forbidden");
  });

  it("bad_request for an invalid cursor or a limit above 500, with the error body", async () => {
    const invalid = await caught(clientWith().pollEventsStream(ORG_ID, { cursor: "not-a-cursor" }));
    expect(invalid.kind).toBe("bad_request");
    expect(invalid.body).toMatchObject({ errors: [{ code: "INVALID_PAGE_CURSOR", status: "400" }] });
    const tooMany = await caught(clientWith().pollEventsStream(ORG_ID, { limit: 501 }));
    expect(tooMany.message).toContain("at most 500");
  });

  it("rate_limited with the wait from Retry-After, then recovers when the window resets", async () => {
    clock.advance(120_000);
    const client = clientWith();
    await client.listEvents(ORG_ID);
    const second = await client.listEvents(ORG_ID);
    expect(second.rateLimit?.remaining).toBe(0);
    const limited = await caught(client.listEvents(ORG_ID));
    expect([limited.kind, limited.status, limited.retryAfterMs]).toEqual(["rate_limited", 429, 60_000]);
    clock.advance(60_000);
    await expect(client.listEvents(ORG_ID)).resolves.toMatchObject({ items: [expect.objectContaining({ id: "e-1" })] });
  });

  it("server for injected 500s, malformed for a garbled body", async () => {
    await control(simulator.baseUrl, "POST", "/faults", { serverErrorRate: 1 });
    expect((await caught(clientWith().listDomains(ORG_ID))).kind).toBe("server");
    await control(simulator.baseUrl, "POST", "/faults", { serverErrorRate: 0, malformedRate: 1 });
    const malformed = await caught(clientWith().listDomains(ORG_ID));
    expect([malformed.kind, malformed.isRetryable]).toEqual(["malformed", true]);
  });

  it("timeout for a hanging request", async () => {
    await control(simulator.baseUrl, "POST", "/faults", { hangRate: 1 });
    const started = performance.now();
    expect((await caught(clientWith(API_KEY, 300).listDomains(ORG_ID))).kind).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("network when nothing listens", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
      });
    });
    const client = createAtlassianClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY });
    expect((await caught(client.getOrg(ORG_ID))).kind).toBe("network");
  });

  it("malformed when a 2xx body does not match the wire schema", async () => {
    const fakeFetch: typeof fetch = async () => new Response(JSON.stringify({ data: [{ id: 1 }] }), { status: 200 });
    const client = createAtlassianClient({ apiKey: API_KEY, fetch: fakeFetch });
    const error = await caught(client.listOrgs());
    expect([error.kind, error.url]).toEqual(["malformed", "https://api.atlassian.com/admin/v1/orgs"]);
  });
});
