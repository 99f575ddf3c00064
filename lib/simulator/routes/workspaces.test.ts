import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunningSimulator } from "../start-simulator";
import { acmeDefinition, API_KEY, authed, ORG_ID, startWithAcme } from "../test-support";

// POST /admin/v2/orgs/{orgId}/workspaces: one workspace per product of each site, cursor paging, scope.
const SCOPED = "scoped-workspaces-0001";
const OTHER_SCOPE = "scoped-events-0001";
let simulator: TRunningSimulator;

type TWorkspacesPage = {
  data: { id: string; type: string; attributes: { name: string; typeKey: string; owner: string; status: string; hostUrl: string; createdAt: string }; links: { self: string } }[];
  links: { self: string; prev: string | null; next: string | null };
  meta: { pageSize: number; startIndex: number | null; endIndex: number | null; total: number };
};

const list = async (body: unknown, key = API_KEY): Promise<{ status: number; body: TWorkspacesPage & { errors?: { code: string; detail: string }[] } }> => {
  const response = await authed(simulator.baseUrl, `/admin/v2/orgs/${ORG_ID}/workspaces`, key, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TWorkspacesPage };
};

beforeAll(async () => {
  simulator = await startWithAcme(
    { rateLimits: { enabled: false } },
    acmeDefinition({
      apiKeys: [{ key: API_KEY }, { key: SCOPED, scopes: ["read:workspaces:admin"] }, { key: OTHER_SCOPE, scopes: ["read:events:admin"] }],
      sites: [{ name: "acme" }, { name: "acme-eu", products: ["jira-software", "confluence"] }],
    }),
  );
});
afterAll(() => simulator.close());

describe("workspaces listing", () => {
  it("lists one workspace per product of each site, with the real hostUrl", async () => {
    const { status, body } = await list({});
    expect(status).toBe(200);
    expect(body.data.map((workspace) => [workspace.attributes.name, workspace.attributes.typeKey, workspace.attributes.hostUrl])).toEqual([
      ["acme", "jira-software", "https://acme.atlassian.net"],
      ["acme", "confluence", "https://acme.atlassian.net"],
      ["acme", "bitbucket", "https://acme.atlassian.net"],
      ["acme-eu", "jira-software", "https://acme-eu.atlassian.net"],
      ["acme-eu", "confluence", "https://acme-eu.atlassian.net"],
    ]);
    const first = body.data[0];
    expect(first).toMatchObject({ type: "workspaces", attributes: { owner: ORG_ID, status: "online", createdAt: expect.stringMatching(/^\d{4}-/) } });
    expect(first?.links.self).toBe(`${simulator.baseUrl}/admin/v2/orgs/${ORG_ID}/workspaces/${first?.id ?? ""}`);
    expect(new Set(body.data.map((workspace) => workspace.id)).size).toBe(5);
    expect(body.meta).toEqual({ pageSize: 20, startIndex: 0, endIndex: 4, total: 5 });
    expect(body.links).toEqual({ self: `${simulator.baseUrl}/admin/v2/orgs/${ORG_ID}/workspaces`, prev: null, next: null });
  });

  it("pages by limit and a cursor sent alone", async () => {
    const first = (await list({ limit: 2 })).body;
    expect([first.data.length, first.meta, first.links.prev]).toEqual([2, { pageSize: 2, startIndex: 0, endIndex: 1, total: 5 }, null]);
    const second = (await list({ cursor: first.links.next })).body;
    expect(second.meta).toEqual({ pageSize: 2, startIndex: 2, endIndex: 3, total: 5 });
    const third = (await list({ cursor: second.links.next })).body;
    expect([third.data.length, third.links.next]).toEqual([1, null]);
    const back = (await list({ cursor: third.links.prev })).body;
    expect(back.data.map((workspace) => workspace.id)).toEqual(second.data.map((workspace) => workspace.id));
    const all = [...first.data, ...second.data, ...third.data].map((workspace) => workspace.id);
    expect(all).toEqual((await list({})).body.data.map((workspace) => workspace.id));
  });

  it("refuses a cursor with other properties, a bad limit and a bad cursor with 400", async () => {
    const next = (await list({ limit: 2 })).body.links.next;
    const mixed = await list({ cursor: next, limit: 2 });
    expect([mixed.status, mixed.body.errors?.[0]?.detail]).toEqual([400, "when a cursor is given, no other properties may be present"]);
    expect((await list({ limit: 0 })).status).toBe(400);
    expect((await list({ limit: 101 })).status).toBe(400);
    expect((await list({ cursor: "Zm9v" })).body.errors?.[0]?.code).toBe("INVALID_PAGE_CURSOR");
    expect((await list("text")).status).toBe(400);
  });

  it("needs read:workspaces:admin on a key with scopes", async () => {
    expect((await list({}, SCOPED)).status).toBe(200);
    const refused = await list({}, OTHER_SCOPE);
    expect([refused.status, refused.body.errors?.[0]?.detail]).toEqual([403, "the API key lacks the scope read:workspaces:admin"]);
    expect((await list({}, "unknown-key-0001")).status).toBe(401);
  });
});
