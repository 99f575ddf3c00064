import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORY_USER_EXAMPLE, EVENTS_STREAM_EXAMPLE, MANAGED_USERS_EXAMPLE } from "../atlassian/doc-examples.fixture";
import { ZEvent, ZEventsPage } from "../atlassian/schemas/events";
import type { TRunningSimulator } from "./start-simulator";
import { authed, createClock, ORG_ID, postEvents, startWithAcme } from "./test-support";

// The faithful API over HTTP, checked against the documented examples of atlassian-api.md §5.
const clock = createClock(Date.parse("2026-01-05T09:00:00.000Z"));
let simulator: TRunningSimulator;
const EXAMPLE_EVENTS = EVENTS_STREAM_EXAMPLE.data.map((event) => ZEvent.parse(event));

/** Every key path of a JSON value, arrays collapsed to `[]`. */
const keyPaths = (value: unknown, prefix = "", into = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => keyPaths(item, `${prefix}[]`, into));
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      into.add(`${prefix}.${key}`);
      keyPaths(child, `${prefix}.${key}`, into);
    }
  }
  return into;
};

const getJson = async (path: string): Promise<{ status: number; headers: Headers; body: unknown }> => {
  const response = await authed(simulator.baseUrl, path);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

beforeAll(async () => {
  simulator = await startWithAcme({ now: clock.now, rateLimits: { eventsPerMinute: 1000 } });
  await postEvents(simulator.baseUrl, EXAMPLE_EVENTS);
});
afterAll(() => simulator.close());

describe("events-stream", () => {
  it("serves the documented example events exactly, with links on the simulator", async () => {
    const { status, body } = await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?from=1767225600000&limit=2`);
    expect(status).toBe(200);
    const page = ZEventsPage.parse(body);
    const rebased = EVENTS_STREAM_EXAMPLE.data.map((event) => ({
      ...event,
      links: { self: `${simulator.baseUrl}/admin/v1/orgs/${ORG_ID}/events/${event.id}` },
    }));
    expect(page.data).toEqual(rebased);
    expect(Object.keys(body as object)).toEqual(["data", "meta", "links"]);
    expect(page.meta).toEqual({ next: expect.any(String), page_size: 2 });
    expect(page.links?.self).toBe(`${simulator.baseUrl}/admin/v1/orgs/${ORG_ID}/events-stream?from=1767225600000&limit=2`);
    expect(new URL(page.links?.next ?? "").searchParams.get("cursor")).toBe(page.meta?.next);
  });

  it("orders by processedAt, keeps sortOrder in the cursor and honours from/to", async () => {
    const desc = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?sortOrder=desc&limit=1`)).body);
    expect(desc.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[1]?.id]);
    const next = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?cursor=${desc.meta?.next}`)).body);
    expect(next.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[0]?.id]);
    const after = Date.parse("2026-01-05T08:20:00.000Z");
    const window = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?from=${after}&to=${after + 3_600_000}`)).body);
    expect(window.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[1]?.id]);
  });

  it("rejects an invalid cursor and a limit above 500 with an error body; ignores unknown parameters", async () => {
    const invalid = await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?cursor=Zm9v`);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ errors: [{ status: "400", code: "INVALID_PAGE_CURSOR", title: "Bad Request", detail: expect.any(String) }] });
    const tooMany = await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?limit=501`);
    expect([tooMany.status, (tooMany.body as { errors: { code: string }[] }).errors[0]?.code]).toEqual([400, "INVALID_LIMIT"]);
    const eventsCursor = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events?limit=1`)).body).meta?.next;
    expect((await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?cursor=${eventsCursor}`)).status).toBe(400);
    expect((await getJson(`/admin/v1/orgs/${ORG_ID}/events-stream?frobnicate=1&limit=1`)).status).toBe(200);
  });
});

describe("/events", () => {
  it("omits processedAt, sorts newest first and filters by q, action and actor", async () => {
    const page = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events`)).body);
    expect(page.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[1]?.id, EXAMPLE_EVENTS[0]?.id]);
    expect(page.data.every((event) => event.attributes.processedAt === undefined)).toBe(true);
    expect(page.meta?.page_size).toBe(25);
    const byText = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events?q=sydney`)).body);
    expect(byText.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[1]?.id]);
    const byAction = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events?action=user_login`)).body);
    expect(byAction.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[0]?.id]);
    const byActor = ZEventsPage.parse((await getJson(`/admin/v1/orgs/${ORG_ID}/events?actor=admin@acme.com&actor=nobody`)).body);
    expect(byActor.data.map((event) => event.id)).toEqual([EXAMPLE_EVENTS[1]?.id]);
    expect((await getJson(`/admin/v1/orgs/${ORG_ID}/events/nope`)).status).toBe(404);
  });
});

describe("users", () => {
  it("v1 items have the documented fields and exclude unverified domains", async () => {
    const { body } = await getJson(`/admin/v1/orgs/${ORG_ID}/users`);
    const page = body as typeof MANAGED_USERS_EXAMPLE;
    expect(page.data.map((user) => user.email)).toEqual(["ada@acme.com", "bob@acme.io"]);
    expect(Object.keys(page.data[0] ?? {}).sort()).toEqual(Object.keys(MANAGED_USERS_EXAMPLE.data[0] ?? {}).sort());
    expect(keyPaths(page.data[0]?.product_access)).toEqual(keyPaths(MANAGED_USERS_EXAMPLE.data[0]?.product_access));
    expect(page.meta).toEqual({ total: 2 });
  });

  it("v2 items have the documented fields", async () => {
    const { body } = await getJson(`/admin/v2/orgs/${ORG_ID}/directories/-/users`);
    const users = (body as { data: Record<string, unknown>[] }).data;
    expect(users).toHaveLength(3);
    expect(keyPaths(users[0])).toEqual(keyPaths(DIRECTORY_USER_EXAMPLE));
  });
});

describe("auth, rate-limit headers and errors", () => {
  it("sends X-RateLimit-* on every response and 401s bad keys before anything else", async () => {
    const ok = await getJson(`/admin/v1/orgs/${ORG_ID}/domains`);
    expect(ok.headers.get("x-ratelimit-limit")).toBe("50");
    expect(Number(ok.headers.get("x-ratelimit-remaining"))).toBeLessThan(1000);
    expect(ok.headers.get("x-ratelimit-reset")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const missing = await getJson(`/admin/v2/orgs/${ORG_ID}/directories/-/users/nope/extra`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-ratelimit-limit")).toBeNull();
    const unknownOrg = await getJson("/admin/v1/orgs/no-such-org/domains");
    expect([unknownOrg.status, unknownOrg.headers.has("x-ratelimit-remaining")]).toEqual([404, true]);
    const noKey = await fetch(`${simulator.baseUrl}/admin/v1/orgs/${ORG_ID}`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ errors: [{ code: "UNAUTHENTICATED" }] });
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, "wrong-key-000")).status).toBe(401);
  });
});
