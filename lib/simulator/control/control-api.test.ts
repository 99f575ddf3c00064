import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZEventsPage } from "../../atlassian/schemas/events";
import type { TRunningSimulator } from "../start-simulator";
import { startSimulator } from "../start-simulator";
import { acmeDefinition, API_KEY, authed, control, createClock, loginEvent, ORG_ID, T0 } from "../test-support";

// The /__sim/ control API: its shapes are a contract with tests outside the project.
const clock = createClock();
let simulator: TRunningSimulator;
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

beforeAll(async () => {
  simulator = await startSimulator({ now: clock.now, seed: 3 });
});
afterAll(() => simulator.close());

describe("control API", () => {
  it("creates an org (201), refuses a taken id (409) and an invalid body (400)", async () => {
    const created = await json(await control(simulator.baseUrl, "POST", "/orgs", acmeDefinition()));
    expect(created).toEqual({
      status: 201,
      body: { id: ORG_ID, name: "Acme", apiKeys: [{ key: API_KEY, expiresAt: null, revoked: false }], users: 3, events: 0 },
    });
    expect((await control(simulator.baseUrl, "POST", "/orgs", acmeDefinition())).status).toBe(409);
    const invalid = await json(await control(simulator.baseUrl, "POST", "/orgs", { id: "x", name: "x", apiKeys: [], users: [{ email: "no" }] }));
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ errors: [{ code: "INVALID_BODY", detail: expect.stringContaining("apiKeys") }] });
    expect(await json(await control(simulator.baseUrl, "GET", "/orgs"))).toMatchObject({ body: { orgs: [{ id: ORG_ID, users: 3 }] } });
  });

  it("appends events (202 with the count), defaulting processedAt to now", async () => {
    const appended = await json(await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/events`, [loginEvent("a", T0 - 86_400_000), loginEvent("b", T0)]));
    expect(appended).toEqual({ status: 202, body: { appended: 2, total: 2 } });
    const page = ZEventsPage.parse(await (await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/events-stream`)).json());
    expect(page.data.map((event) => [event.id, event.attributes.processedAt])).toEqual([
      ["a", new Date(T0).toISOString()],
      ["b", new Date(T0).toISOString()],
    ]);
    expect((await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/events`, [{ id: "x" }])).status).toBe(400);
    expect((await control(simulator.baseUrl, "POST", "/orgs/nope/events", [])).status).toBe(404);
  });

  it("shows users with managed flag, status, tokens and governance calls; adds users", async () => {
    expect((await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/users`, [{ accountId: "dave-1", name: "Dave", email: "dave@acme.com" }])).status).toBe(201);
    const { body } = await json(await control(simulator.baseUrl, "GET", `/orgs/${ORG_ID}/users`));
    const users = body.users as Record<string, unknown>[];
    expect(users).toHaveLength(4);
    expect(users.find((user) => user.email === "carol@contractors.example")).toMatchObject({ managed: false, status: "active", admin: false });
    expect(users[0]).toEqual({
      accountId: "5b10ac8d82e05b22cc7d4ef5",
      name: "Ada Lovelace",
      email: "ada@acme.com",
      admin: true,
      managed: true,
      status: "active",
      products: ["jira-software", "confluence"],
      apiTokenIds: [expect.any(String)],
      revokedTokenIds: [],
      governanceCalls: [],
    });
  });

  it("expires and revokes keys (401 afterwards; 404 for an unknown key)", async () => {
    await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys`, { key: "second-key-0001" });
    expect(await json(await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys/second-key-0001/expire`))).toMatchObject({
      status: 200,
      body: { key: "second-key-0001", expiresAt: new Date(clock.ms).toISOString() },
    });
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, "second-key-0001")).status).toBe(401);
    expect((await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys/${API_KEY}/revoke`)).status).toBe(200);
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`)).status).toBe(401);
    expect((await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys/unknown/revoke`)).status).toBe(404);
    await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys`, { key: "third-key-00001" });
  });

  it("replaces policies", async () => {
    const policies = [{ type: "data-security", name: "DSP", rule: { preventDataExport: true, preventPublicLinks: true, preventAnonymousAccess: true, blockAppAccess: true } }];
    expect((await control(simulator.baseUrl, "PUT", `/orgs/${ORG_ID}/policies`, policies)).status).toBe(200);
    const listed = (await (await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/policies`, "third-key-00001")).json()) as { data: { attributes: { type: string } }[] };
    expect(listed.data.map((policy) => policy.attributes.type)).toEqual(["data-security"]);
  });

  it("plants an episode that ends now and lists the ground truth", async () => {
    const planted = await json(await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/episodes`, { kind: "brute-force", accountId: "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c" }));
    expect(planted.status).toBe(201);
    expect(planted.body).toMatchObject({ kind: "brute-force", endedAt: new Date(clock.ms).toISOString(), accountId: "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c" });
    const eventIds = planted.body.eventIds as string[];
    const listed = await json(await control(simulator.baseUrl, "GET", `/orgs/${ORG_ID}/episodes`));
    expect(listed.body.episodes).toEqual([planted.body]);
    const failures = (await (await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}/events?action=user_login_failed&limit=100`, "third-key-00001")).json()) as { data: { id: string }[] };
    expect(failures.data.map((event) => event.id).every((id) => eventIds.includes(id))).toBe(true);
    expect(failures.data.length).toBeGreaterThanOrEqual(12);
    expect((await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/episodes`, { kind: "impersonation", accountId: "ghost" })).status).toBe(400);
  });

  it("reports stats, changes rate limits and deletes orgs", async () => {
    const stats = await json(await control(simulator.baseUrl, "GET", "/stats"));
    expect(stats.body).toMatchObject({ eventsServed: expect.any(Number), rateLimited: 0, governanceCalls: 0, requestsTotal: expect.any(Number) });
    expect(await json(await control(simulator.baseUrl, "POST", "/rate-limits", { perMinute: 2 }))).toMatchObject({ body: { perMinute: 2, eventsPerMinute: 10 } });
    await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, "third-key-00001");
    await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, "third-key-00001");
    expect((await authed(simulator.baseUrl, `/admin/v1/orgs/${ORG_ID}`, "third-key-00001")).status).toBe(429);
    expect((await json(await control(simulator.baseUrl, "GET", "/stats"))).body).toMatchObject({ rateLimited: 1 });
    expect((await control(simulator.baseUrl, "DELETE", `/orgs/${ORG_ID}`)).status).toBe(204);
    expect((await control(simulator.baseUrl, "GET", `/orgs/${ORG_ID}/users`)).status).toBe(404);
    expect((await control(simulator.baseUrl, "GET", "/nothing-here")).status).toBe(404);
  });
});
