import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZEventsPage, type TEvent } from "../atlassian/schemas/events";
import { isMalformedEventId } from "./faults";
import type { TRunningSimulator } from "./start-simulator";
import { API_KEY, authed, control, createClock, loginEvent, ORG_ID, postEvents, startWithAcme, T0 } from "./test-support";

// Each run-time fault, observed over HTTP.
const clock = createClock();
let simulator: TRunningSimulator;
const EVENT_COUNT = 40;
const STREAM = `/admin/v1/orgs/${ORG_ID}/events-stream`;

const page = async (query: string) => ZEventsPage.parse(await (await authed(simulator.baseUrl, `${STREAM}?${query}`)).json());

/** Follows the stream to its end; returns every event served, in order, and the pages' sizes. */
const drain = async (limit: number) => {
  const events: TEvent[] = [];
  const sizes: number[] = [];
  let query = `limit=${limit}`;
  for (let i = 0; i < 100; i++) {
    const current = await page(query);
    if (current.data.length === 0) return { events, sizes };
    events.push(...current.data);
    sizes.push(current.data.length);
    query = `cursor=${current.meta?.next}`;
  }
  throw new Error("stream did not end");
};

beforeAll(async () => {
  simulator = await startWithAcme({ now: clock.now });
  // Processed 50 ms apart: close enough for the reorder window.
  for (let i = 0; i < EVENT_COUNT; i++) {
    await postEvents(simulator.baseUrl, [loginEvent(`e-${String(i).padStart(2, "0")}`, T0 + i * 50)]);
    clock.advance(50);
  }
});
afterAll(() => simulator.close());
afterEach(() => control(simulator.baseUrl, "DELETE", "/faults"));

const setFaults = async (faults: object) => {
  const response = await control(simulator.baseUrl, "POST", "/faults", faults);
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, unknown>>;
};

describe("faults", () => {
  it("serverErrorRate answers 500 with an error body; merging keeps other settings", async () => {
    await setFaults({ latencyMs: 1 });
    expect(await setFaults({ serverErrorRate: 1 })).toMatchObject({ serverErrorRate: 1, latencyMs: 1 });
    const response = await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ errors: [{ code: "INTERNAL_ERROR" }] });
  });

  it("a 429 storm lasts the given seconds, with Retry-After and X-RateLimit-Reset", async () => {
    expect(await setFaults({ rateLimitStormSeconds: 30 })).toMatchObject({ rateLimitStormUntil: new Date(clock.ms + 30_000).toISOString() });
    const response = await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(response.headers.get("x-ratelimit-reset")).toBe(new Date(clock.ms + 30_000).toISOString());
    clock.advance(30_000);
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`)).status).toBe(200);
  });

  it("latency delays answers", async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("hangRate leaves requests unanswered", async () => {
    await setFaults({ hangRate: 1 });
    const request = authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, API_KEY, { signal: AbortSignal.timeout(200) });
    await expect(request).rejects.toThrow();
  });

  it("malformedRate garbles 2xx bodies only", async () => {
    await setFaults({ malformedRate: 1 });
    const body = await (await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/domains`)).text();
    expect(() => JSON.parse(body) as unknown).toThrow();
    expect(await (await authed(simulator.baseUrl, `/admin/v1/orgs/nope/domains`)).json()).toMatchObject({ errors: [{ status: "404" }] });
  });

  it("truncateRate serves short pages yet the cursor loses nothing", async () => {
    await setFaults({ truncateRate: 1 });
    const { events, sizes } = await drain(10);
    expect(sizes[0]).toBe(5);
    expect(events.map((event) => event.id)).toEqual(Array.from({ length: EVENT_COUNT }, (_, i) => `e-${String(i).padStart(2, "0")}`));
  });

  it("duplicateRate repeats the previous page's last events at the start of the next", async () => {
    await setFaults({ duplicateRate: 1, duplicateCount: 2 });
    const first = await page("limit=10");
    const second = await page(`cursor=${first.meta?.next}&limit=10`);
    expect(second.data.slice(0, 2).map((event) => event.id)).toEqual(first.data.slice(8).map((event) => event.id));
    const { events } = await drain(10);
    expect(new Set(events.map((event) => event.id)).size).toBe(EVENT_COUNT);
    expect(events.length).toBeGreaterThan(EVENT_COUNT);
  });

  it("reorderWindowMs serves nearby events out of processedAt order without losing any", async () => {
    await setFaults({ reorderWindowMs: 100 });
    const { events } = await drain(10);
    const times = events.map((event) => Date.parse(event.attributes.processedAt ?? ""));
    expect(times.some((time, i) => i > 0 && time < (times[i - 1] ?? 0))).toBe(true);
    expect(new Set(events.map((event) => event.id)).size).toBe(EVENT_COUNT);
  });

  it("scopes faults to an org and a path, and counts them in the stats", async () => {
    await control(simulator.baseUrl, "DELETE", "/stats");
    await setFaults({ serverErrorRate: 1, pathContains: "/domains" });
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`)).status).toBe(200);
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/domains`)).status).toBe(500);
    await setFaults({ pathContains: null, orgId: "another-org" });
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/domains`)).status).toBe(200);
    const stats = (await (await control(simulator.baseUrl, "GET", "/stats")).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({
      faultsInjected: { "server-error": 1 },
      requests: { "GET /admin/v1/orgs/{orgId}/domains": { "200": 1, "500": 1 }, "GET /admin/v1/orgs/{orgId}": { "200": 1 } },
    });
  });

  it("malformedEventRate serves the same events in an unexpected shape on every request, chosen by id", async () => {
    await setFaults({ malformedEventRate: 0.3 });
    const raw = async () => ((await (await authed(simulator.baseUrl, `${STREAM}?limit=${EVENT_COUNT}`)).json()) as { data: { id: string; attributes: { action: unknown } }[] }).data;
    const first = await raw();
    const malformed = first.filter((event) => typeof event.attributes.action !== "string").map((event) => event.id);
    expect(malformed.length).toBeGreaterThan(0);
    expect(malformed.length).toBeLessThan(EVENT_COUNT);
    expect(malformed).toEqual(first.map((event) => event.id).filter((id) => isMalformedEventId(id, 0.3)));
    expect(first.find((event) => event.id === malformed[0])?.attributes.action).toEqual({ key: "user_login" });
    expect((await raw()).filter((event) => typeof event.attributes.action !== "string").map((event) => event.id)).toEqual(malformed);
    // The page itself stays valid JSON with the usual envelope: only those events are off.
    expect(ZEventsPage.safeParse({ data: first.filter((event) => !malformed.includes(event.id)) }).success).toBe(true);
    const single = await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/events/${malformed[0]}`);
    expect(((await single.json()) as { data: { attributes: { action: unknown } } }).data.attributes.action).toEqual({ key: "user_login" });
  });

  it("singleObjectResources serves a one-item context or container as that object", async () => {
    await setFaults({ singleObjectResources: true });
    const body = (await (await authed(simulator.baseUrl, `${STREAM}?limit=2`)).json()) as { data: { attributes: { container: unknown } }[] };
    expect(body.data[0]?.attributes.container).toEqual({ id: ORG_ID, type: "orgs", attributes: { name: "Acme" } });
    expect((await page("limit=2")).data[0]?.attributes.container).toEqual([{ id: ORG_ID, type: "orgs", attributes: { name: "Acme" } }]);
    const stats = (await (await control(simulator.baseUrl, "GET", "/stats")).json()) as { faultsInjected: Record<string, number> };
    expect(stats.faultsInjected["single-object-resource"]).toBeGreaterThanOrEqual(2);
  });
});
