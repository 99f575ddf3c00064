import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAlertFixtures } from "../../testing/alert-fixtures";
import { makeUser } from "../../testing/factories";
import { resetDatabase } from "../../testing/reset-database";
import { importRouteExports, type TRouteExport } from "../../testing/route-modules";
import { groupNextUngroupedAlerts } from "../repositories/incident-grouping-repository";
import type { Principal } from "../services/principal";

// Calls the route handlers themselves over seeded rows: outside production withRoute checks each JSON answer
// against its contract's response schema and answers 500 on a mismatch, so a drifted DTO fails here.
const caller = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../auth/current-principal", () => ({ getCurrentPrincipal: async () => caller.principal }));

type TCall = Readonly<{ method: string; path: string; params?: Record<string, string>; search?: string; body?: unknown }>;

describe("route handlers answer what their contracts declare", () => {
  let routes: TRouteExport[] = [];
  const ids: Record<string, string> = {};
  let fixtures: Awaited<ReturnType<typeof createAlertFixtures>> | undefined;

  const send = async ({ method, path, params = {}, search = "", body }: TCall) => {
    const route = routes.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no route ${method} ${path}`);
    const mod = (await import(`../../../${route.file}`)) as Record<string, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>;
    const url = `http://localhost${Object.entries(params).reduce((p, [k, v]) => p.replace(`{${k}}`, v), path)}${search}`;
    const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
    const response = await mod[method]!(new Request(url, init), { params: Promise.resolve(params) });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    await resetDatabase();
    routes = await importRouteExports();
    const { principal } = await makeUser("admin");
    caller.principal = { ...principal, via: "token" };
    const db = await createAlertFixtures();
    fixtures = db;
    ids.connector = await db.connector();
    await db.atlassianUser(ids.connector, "acc-ada", { isAdmin: true });
    const seq = await db.activity(ids.connector, "acc-ada", "81.2.69.142");
    ids.activity = seq.toString();
    await db.locationSeen(ids.connector, "acc-ada", "81.2.69.142", "GB", new Date(Date.now() - 3_600_000), new Date());
    ids.alert = await db.alert({ connectorId: ids.connector, activitySeqs: [seq], userEmail: "acc-ada@acme.test" });
    ids.atlassianUser = (await db.query<{ id: string }>("SELECT id FROM atlassian_users LIMIT 1"))[0]?.id ?? "";
    // The fixture's alert is written as before incidents existed: the backfill groups it.
    await groupNextUngroupedAlerts(100);
    ids.incident = (await db.query<{ id: string }>("SELECT id FROM incidents LIMIT 1"))[0]?.id ?? "";
  }, 120_000);

  afterAll(async () => {
    await fixtures?.close();
  });

  const ok = async (call: TCall) => {
    const response = await send(call);
    expect(response.status, `${call.method} ${call.path}: ${response.text.slice(0, 300)}`).toBeLessThan(300);
    return response;
  };

  it("creates through the API: IP range, policy, channel, token, comment, portal user", async () => {
    ids.ipRange = (await ok({ method: "POST", path: "/api/v1/ip-ranges", body: { name: "Office", cidrs: ["100.64.1.0/28"], category: "corporate" } })).json().id as string;
    ids.policy = (await ok({ method: "POST", path: "/api/v1/policies", body: { name: "Logins", filter: { actions: ["user_login"] }, trigger: { kind: "single" } } })).json().id as string;
    ids.channel = (await ok({ method: "POST", path: "/api/v1/notification-channels", body: { kind: "webhook", name: "Hook", url: "http://127.0.0.1:9/hook" } })).json().id as string;
    ids.token = (await ok({ method: "POST", path: "/api/v1/tokens", body: { name: "ci" } })).json().id as string;
    ids.portalUser = (await ok({ method: "POST", path: "/api/v1/portal-users", body: { email: "pat@example.test", name: "Pat", password: "a-long-password-1", role: "viewer" } })).json().id as string;
    await ok({ method: "POST", path: "/api/v1/alerts/{id}/comments", params: { id: ids.alert ?? "" }, body: { body: "Looking" } });
    await ok({ method: "PATCH", path: "/api/v1/alerts/{id}", params: { id: ids.alert ?? "" }, body: { status: "in_progress" } });
    await ok({ method: "POST", path: "/api/v1/alerts/bulk", body: { ids: [ids.alert], status: "open" } });
    await ok({ method: "POST", path: "/api/v1/incidents/{id}/comments", params: { id: ids.incident ?? "" }, body: { body: "Looking" } });
    await ok({ method: "PATCH", path: "/api/v1/incidents/{id}", params: { id: ids.incident ?? "" }, body: { status: "in_progress" } });
    await ok({ method: "POST", path: "/api/v1/incidents/bulk", body: { ids: [ids.incident], status: "open" } });
    await ok({ method: "PUT", path: "/api/v1/incidents/settings", body: { windowHours: 12 } });
    await ok({ method: "PATCH", path: "/api/v1/ip-ranges/{id}", params: { id: ids.ipRange }, body: { name: "Office 2" } });
    await ok({ method: "PATCH", path: "/api/v1/portal-users/{id}", params: { id: ids.portalUser }, body: { name: "Pat B" } });
    await ok({ method: "POST", path: "/api/v1/policies/preview", body: { days: 1, filter: { actions: ["user_login"] }, trigger: { kind: "single" } } });
  });

  it("reads every list and detail with data in it", async () => {
    const reads: TCall[] = [
      { method: "GET", path: "/api/v1/me" },
      { method: "GET", path: "/api/v1/openapi.json" },
      { method: "GET", path: "/api/v1/connectors" },
      { method: "GET", path: "/api/v1/connectors/{id}", params: { id: ids.connector ?? "" } },
      { method: "GET", path: "/api/v1/connectors/{id}/history", params: { id: ids.connector ?? "" } },
      { method: "GET", path: "/api/v1/connectors/{id}/quarantine", params: { id: ids.connector ?? "" } },
      { method: "GET", path: "/api/v1/activities" },
      { method: "GET", path: "/api/v1/activities/{id}", params: { id: ids.activity ?? "" } },
      { method: "GET", path: "/api/v1/users" },
      { method: "GET", path: "/api/v1/users/{id}", params: { id: ids.atlassianUser ?? "" } },
      { method: "GET", path: "/api/v1/users/{id}/activities", params: { id: ids.atlassianUser ?? "" } },
      { method: "GET", path: "/api/v1/dashboard" },
      { method: "GET", path: "/api/v1/alerts" },
      { method: "GET", path: "/api/v1/alerts/{id}", params: { id: ids.alert ?? "" } },
      { method: "GET", path: "/api/v1/alerts/assignees" },
      { method: "GET", path: "/api/v1/incidents" },
      { method: "GET", path: "/api/v1/incidents/{id}", params: { id: ids.incident ?? "" } },
      { method: "GET", path: "/api/v1/incidents/settings" },
      { method: "GET", path: "/api/v1/governance-log" },
      { method: "GET", path: "/api/v1/notification-channels" },
      { method: "GET", path: "/api/v1/notification-channels/{id}", params: { id: ids.channel ?? "" } },
      { method: "GET", path: "/api/v1/notification-channels/{id}/deliveries", params: { id: ids.channel ?? "" } },
      { method: "GET", path: "/api/v1/policies" },
      { method: "GET", path: "/api/v1/policies/{id}", params: { id: ids.policy ?? "" } },
      { method: "GET", path: "/api/v1/policies/{id}", params: { id: "impossible_travel" } },
      { method: "GET", path: "/api/v1/ip-ranges" },
      { method: "GET", path: "/api/v1/threat-lists" },
      { method: "GET", path: "/api/v1/recommendations", search: `?connectorId=${ids.connector}` },
      { method: "GET", path: "/api/v1/secure-score", search: `?connectorId=${ids.connector}` },
      { method: "GET", path: "/api/v1/tokens" },
      { method: "GET", path: "/api/v1/portal-users" },
      { method: "GET", path: "/api/v1/audit-log" },
    ];
    const failed: string[] = [];
    for (const call of reads) {
      const response = await send(call);
      if (response.status >= 500) failed.push(`${call.method} ${call.path}: ${response.status} ${response.text.slice(0, 200)}`);
    }
    expect(failed).toEqual([]);
  });

  it("deletes: token, channel, IP range, policy", async () => {
    await ok({ method: "POST", path: "/api/v1/notification-channels/{id}/test", params: { id: ids.channel ?? "" } });
    await ok({ method: "DELETE", path: "/api/v1/tokens/{id}", params: { id: ids.token ?? "" } });
    await ok({ method: "DELETE", path: "/api/v1/notification-channels/{id}", params: { id: ids.channel ?? "" } });
    await ok({ method: "DELETE", path: "/api/v1/ip-ranges/{id}", params: { id: ids.ipRange ?? "" } });
    await ok({ method: "DELETE", path: "/api/v1/policies/{id}", params: { id: ids.policy ?? "" } });
  });
});
