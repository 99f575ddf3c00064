import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunningSimulator } from "./start-simulator";
import { acmeDefinition, API_KEY, authed, control, ORG_ID, startWithAcme } from "./test-support";

// API keys "with scopes": 403 outside their scopes, checked before the target (so a write to an unknown account
// is 403 without the scope and 404 with it); classic keys call everything.
const READ_ONLY = "scoped-read-only-0001";
const WRITER = "scoped-writer-0001";
let simulator: TRunningSimulator;

beforeAll(async () => {
  simulator = await startWithAcme(
    { rateLimits: { enabled: false } },
    acmeDefinition({
      apiKeys: [
        { key: API_KEY },
        { key: READ_ONLY, scopes: ["read:events:admin", "read:directories:admin", "read:domains:admin", "read:policies:admin"] },
        { key: WRITER, scopes: ["write:directories:admin"] },
      ],
    }),
  );
});
afterAll(() => simulator.close());

const status = async (path: string, key: string, method = "GET") => (await authed(simulator.baseUrl, path, key, { method })).status;
const org = `/admin/v1/orgs/${ORG_ID}`;

describe("scoped API keys", () => {
  it("serve the reads inside their scopes and answer 403 with Atlassian's error body outside them", async () => {
    for (const path of [org, `${org}/events-stream?limit=1`, `${org}/users`, `/admin/v2/orgs/${ORG_ID}/directories/-/users`, `${org}/domains`, `${org}/policies`]) {
      expect(await status(path, READ_ONLY), path).toBe(200);
    }
    const refused = await authed(simulator.baseUrl, `${org}/directory/users/5b10ac8d82e05b22cc7d4ef5/suspend-access`, READ_ONLY, { method: "POST" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ errors: [{ status: "403", code: "FORBIDDEN", title: "Forbidden", detail: "the API key lacks the scope write:directories:admin" }] });
    expect(await status(`/users/5b10ac8d82e05b22cc7d4ef5/manage/api-tokens`, READ_ONLY)).toBe(403);
    expect(await status(`${org}/events-stream?limit=1`, WRITER)).toBe(403);
  });

  it("refuse /events to every scoped key, as Atlassian documents", async () => {
    expect(await status(`${org}/events`, READ_ONLY)).toBe(403);
    expect(await status(`${org}/events`, API_KEY)).toBe(200);
  });

  it("check the scope before the target: 403 without it, 404 for an unknown account with it", async () => {
    const path = `${org}/directory/users/watchpost-scope-probe/suspend-access`;
    expect(await status(path, READ_ONLY, "POST")).toBe(403);
    expect(await status(path, WRITER, "POST")).toBe(404);
    expect(await status(path, API_KEY, "POST")).toBe(404);
  });

  it("are listed with their scopes by the API-access API and the control API", async () => {
    const orgs = (await (await control(simulator.baseUrl, "GET", "/orgs")).json()) as { orgs: { apiKeys: { key: string; scopes?: string[] }[] }[] };
    const keys = orgs.orgs[0]?.apiKeys ?? [];
    expect(keys.find((k) => k.key === API_KEY)?.scopes).toBeUndefined();
    expect(keys.find((k) => k.key === WRITER)?.scopes).toEqual(["write:directories:admin"]);
    const added = await control(simulator.baseUrl, "POST", `/orgs/${ORG_ID}/keys`, { key: "scoped-added-0001", scopes: ["read:events:admin"] });
    expect(added.status).toBe(201);
    expect(await status(`${org}/events-stream?limit=1`, "scoped-added-0001")).toBe(200);
    expect(await status(`${org}/users`, "scoped-added-0001")).toBe(403);
  });
});
