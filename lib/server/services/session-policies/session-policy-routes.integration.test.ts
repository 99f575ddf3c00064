import { beforeEach, describe, expect, it, vi } from "vitest";
import { SESSION_POLICY_TEMPLATES } from "../../../shared/schemas/session-policies";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import type { Principal } from "../principal";
import { insertConnector, insertSessionRows } from "./session-policy-test-rows";

// The session-policy routes and the activity log's outcome/policy filters through the route handlers themselves
// (withRoute: role, zod parsing, problem+json, the response checked against its contract).
const caller = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../auth/current-principal", () => ({ getCurrentPrincipal: async () => caller.principal }));

const db = openTestDatabase();
type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: Record<string, () => Promise<Record<string, unknown>>> = {
  "/api/v1/session-policies": () => import("../../../../app/api/v1/session-policies/route"),
  "/api/v1/session-policies/{id}": () => import("../../../../app/api/v1/session-policies/[id]/route"),
  "/api/v1/session-policies/preview": () => import("../../../../app/api/v1/session-policies/preview/route"),
  "/api/v1/session-policies/templates": () => import("../../../../app/api/v1/session-policies/templates/route"),
  "/api/v1/activities": () => import("../../../../app/api/v1/activities/route"),
  "/api/v1/activities/{id}": () => import("../../../../app/api/v1/activities/[id]/route"),
};

const send = async (method: string, path: string, options: Readonly<{ id?: string; search?: string; body?: unknown }> = {}) => {
  const handler = (await ROUTES[path]!())[method] as THandler;
  const url = `http://localhost${path.replace("{id}", options.id ?? "")}${options.search ?? ""}`;
  const init: RequestInit = options.body === undefined ? { method } : { method, body: JSON.stringify(options.body), headers: { "content-type": "application/json" } };
  const response = await handler(new Request(url, init), { params: Promise.resolve<Record<string, string>>(options.id ? { id: options.id } : {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { invalid_params?: { name: string }[] } };
};

const signIn = async (role: "admin" | "analyst" | "viewer") => {
  caller.principal = { ...(await makeUser(role)).principal, via: "token" };
};
const body = (key: string) => SESSION_POLICY_TEMPLATES.find((t) => t.key === key)!.policy;

beforeEach(() => {
  caller.principal = null;
});

describe("session policy routes", () => {
  it("admins write; a malformed field is a 400 naming it; a taken name is a 409; PATCH checks the merged policy", async () => {
    await signIn("admin");
    const created = await send("POST", "/api/v1/session-policies", { body: body("block_downloads_unmanaged") });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const bad = await send("POST", "/api/v1/session-policies", { body: { ...body("monitor_external_users"), filters: { fileSizeAboveMb: "big" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params?.map((p) => p.name)).toEqual(["filters.fileSizeAboveMb"]);
    const unknownField = await send("POST", "/api/v1/session-policies", { body: { ...body("monitor_external_users"), filters: { devices: "managed" } } });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify(unknownField.body.invalid_params)).toContain("filters");

    const taken = await send("POST", "/api/v1/session-policies", { body: body("block_downloads_unmanaged") });
    expect(taken.status).toBe(409);
    expect(taken.body.invalid_params?.map((p) => p.name)).toEqual(["name"]);

    const monitorBlock = await send("PATCH", "/api/v1/session-policies/{id}", { id, body: { controlType: "monitor" } });
    expect(monitorBlock.status).toBe(400);
    expect(monitorBlock.body.invalid_params?.map((p) => p.name)).toEqual(["action.kind"]);
    const patched = await send("PATCH", "/api/v1/session-policies/{id}", { id, body: { priority: 5 } });
    expect(patched.body).toMatchObject({ priority: 5, controlType: "control_download", action: { kind: "block" } });

    expect((await send("GET", "/api/v1/session-policies/{id}", { id: "not-a-uuid" })).status).toBe(400);
    expect((await send("GET", "/api/v1/session-policies/templates")).body.data).toHaveLength(4);
    expect((await send("DELETE", "/api/v1/session-policies/{id}", { id })).status).toBe(204);
    expect((await send("GET", "/api/v1/session-policies/{id}", { id })).status).toBe(404);
  });

  it("viewers read, analysts also preview, neither writes", async () => {
    await signIn("viewer");
    expect((await send("GET", "/api/v1/session-policies")).status).toBe(200);
    expect((await send("POST", "/api/v1/session-policies", { body: body("monitor_external_users") })).status).toBe(403);
    expect((await send("POST", "/api/v1/session-policies/preview", { body: { policy: body("monitor_external_users") } })).status).toBe(403);
    await signIn("analyst");
    expect((await send("POST", "/api/v1/session-policies", { body: body("monitor_external_users") })).status).toBe(403);
    const preview = await send("POST", "/api/v1/session-policies/preview", { body: { policy: body("monitor_external_users"), days: 3 } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ days: 3, matchCount: 0, examples: [] });
    const badDays = await send("POST", "/api/v1/session-policies/preview", { body: { policy: body("monitor_external_users"), days: 365 } });
    expect(badDays.body.invalid_params?.map((p) => p.name)).toEqual(["days"]);
  });
});

describe("activity log: outcome and policy filters", () => {
  it("filters by outcome and by policy, and the detail names the policies", async () => {
    await signIn("admin");
    const block = (await send("POST", "/api/v1/session-policies", { body: body("block_downloads_unmanaged") })).body.id as string;
    const audit = (await send("POST", "/api/v1/session-policies", { body: body("monitor_external_users") })).body.id as string;
    const connector = await insertConnector(db);
    const [blocked, audited, plain] = await insertSessionRows(db, connector, [
      { action: "proxy_download_attachment", sessionOutcome: "blocked", policyIds: [block, audit] },
      { action: "proxy_view_page", sessionOutcome: "audited", policyIds: [audit] },
      { action: "proxy_view_page" },
    ]);
    const idsOf = async (search: string) => ((await send("GET", "/api/v1/activities", { search })).body.data as { id: string }[]).map((a) => a.id);
    expect(await idsOf("?outcome=blocked")).toEqual([blocked]);
    expect(await idsOf("?outcome=audited")).toEqual([audited]);
    expect(await idsOf(`?policy=${audit}`)).toEqual([audited, blocked]);
    expect(await idsOf(`?policy=${block}&outcome=audited`)).toEqual([]);
    expect(await idsOf("?source=session_proxy")).toEqual([plain, audited, blocked]);

    const badOutcome = await send("GET", "/api/v1/activities", { search: "?outcome=allowed" });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.invalid_params).toEqual([{ name: "outcome", reason: "outcome must be blocked or audited" }]);
    expect((await send("GET", "/api/v1/activities", { search: "?policy=nope" })).body.invalid_params?.map((p) => p.name)).toEqual(["policy"]);

    await send("DELETE", "/api/v1/session-policies/{id}", { id: audit });
    const detail = await send("GET", "/api/v1/activities/{id}", { id: blocked });
    expect(detail.body).toMatchObject({ sessionOutcome: "blocked", sessionPolicyIds: [block, audit], sessionPolicies: [{ id: block, name: "Block downloads to unmanaged devices" }, { id: audit, name: null }] });
    expect((await send("GET", "/api/v1/activities/{id}", { id: plain ?? "" })).body).toMatchObject({ sessionOutcome: null, sessionPolicyIds: [], sessionPolicies: [] });
  });
});
