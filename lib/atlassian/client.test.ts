import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunningSimulator } from "../simulator/start-simulator";
import { API_KEY, control, createClock, loginEvent, ORG_ID, postEvents, startWithAcme, T0 } from "../simulator/test-support";
import { createAtlassianClient } from "./client";
import { collectAll } from "./pagination";
import { parsePolicyRule } from "./schemas/policies";

// Contract tests: the typed client against a real simulator over HTTP (fetch, port 0).
const clock = createClock();
let simulator: TRunningSimulator;
let client: ReturnType<typeof createAtlassianClient>;
const ADA = "5b10ac8d82e05b22cc7d4ef5";
const BOB = "712020:0c6f2b1a-9d3e-4f5a-8b7c-1d2e3f4a5b6c";
const CAROL = "6c21bd9e93f16c33dd8e5f06";

beforeAll(async () => {
  simulator = await startWithAcme({ now: clock.now, rateLimits: { eventsPerMinute: 1000 } });
  client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: API_KEY, timeoutMs: 5000 });
  const carol = { id: CAROL, name: "Carol Contractor", email: "carol@contractors.example" };
  await postEvents(simulator.baseUrl, [
    ...Array.from({ length: 7 }, (_, i) => loginEvent(`e-${i}`, T0 - (7 - i) * 60_000)),
    loginEvent("e-carol", T0 - 30_000, carol, "198.51.100.7"),
  ]);
});
afterAll(() => simulator.close());

describe("orgs", () => {
  it("lists the key's org and gets it", async () => {
    const page = await client.listOrgs();
    expect(page.items.map((org) => org.id)).toEqual([ORG_ID]);
    expect(page.nextCursor).toBeNull();
    expect(page.rateLimit?.limit).toBe(50);
    const org = await client.getOrg(ORG_ID);
    expect(org.attributes.name).toBe("Acme");
    expect(org.relationships?.users?.links?.related).toBe(`${simulator.baseUrl}/admin/v1/orgs/${ORG_ID}/users`);
  });
});

describe("events", () => {
  it("pages /events newest first through links.next and filters", async () => {
    const ids: string[] = [];
    const all = await collectAll((cursor) => client.listEvents(ORG_ID, { limit: 3, cursor }));
    ids.push(...all.map((event) => event.id));
    expect(ids).toEqual(["e-carol", "e-6", "e-5", "e-4", "e-3", "e-2", "e-1", "e-0"]);
    expect(all[0]?.attributes.processedAt).toBeUndefined();
    const byIp = await client.listEvents(ORG_ID, { ip: ["198.51.100.7"] });
    expect(byIp.items.map((event) => event.id)).toEqual(["e-carol"]);
    const window = await client.listEvents(ORG_ID, { from: new Date(T0 - 5 * 60_000), to: T0 - 3 * 60_000 });
    expect(window.items.map((event) => event.id)).toEqual(["e-4", "e-3", "e-2"]);
  });

  it("gets one event and the action catalogue", async () => {
    const event = await client.getEvent(ORG_ID, "e-3");
    expect(event.attributes.action).toBe("user_login");
    expect(event.links?.self).toBe(`${simulator.baseUrl}/admin/v1/orgs/${ORG_ID}/events/e-3`);
    const actions = await client.listEventActions(ORG_ID);
    expect(actions.items.find((action) => action.id === "user_logged_in_as_user")?.attributes.groupDisplayName).toBe("Organization actions");
  });

  it("polls the events stream in processedAt order and resumes from the stored cursor", async () => {
    const first = await client.pollEventsStream(ORG_ID, { limit: 5 });
    const second = await client.pollEventsStream(ORG_ID, { limit: 5, cursor: first.cursor ?? undefined });
    const drained = await client.pollEventsStream(ORG_ID, { limit: 5, cursor: second.cursor ?? undefined });
    expect([...first.events, ...second.events].map((event) => event.id)).toHaveLength(8);
    expect(drained.events).toEqual([]);
    expect(drained.cursor).toBeTruthy();
    clock.advance(1000);
    await postEvents(simulator.baseUrl, [loginEvent("e-new", clock.ms)]);
    const resumed = await client.pollEventsStream(ORG_ID, { cursor: drained.cursor ?? undefined });
    expect(resumed.events.map((event) => event.id)).toEqual(["e-new"]);
    expect(resumed.events[0]?.attributes.processedAt).toBe(new Date(clock.ms).toISOString());
  });
});

describe("users, domains, policies, keys", () => {
  it("lists managed users only on v1, everyone with claimStatus and roles on v2", async () => {
    const managed = await client.listManagedUsers(ORG_ID);
    expect(managed.items.map((user) => user.account_id).sort()).toEqual([ADA, BOB].sort());
    expect(managed.total).toBe(2);
    const directory = await collectAll((cursor) => client.listDirectoryUsers(ORG_ID, { cursor, limit: 2 }));
    expect(directory.map((user) => [user.accountId, user.claimStatus])).toEqual([
      [ADA, "managed"],
      [BOB, "managed"],
      [CAROL, "unmanaged"],
    ]);
    expect(directory[0]?.platformRoles).toEqual(["atlassian/org-admin"]);
    const unmanaged = await client.listDirectoryUsers(ORG_ID, { claimStatus: "unmanaged" });
    expect(unmanaged.items.map((user) => user.accountId)).toEqual([CAROL]);
  });

  it("lists domains, policies (with the default authentication policy) and API keys", async () => {
    const domains = await client.listDomains(ORG_ID);
    expect(domains.items.map((domain) => [domain.attributes.name, domain.attributes.claim.status])).toEqual([
      ["acme.com", "verified"],
      ["acme.io", "verified"],
      ["contractors.example", "unverified"],
    ]);
    expect((await client.getDomain(ORG_ID, domains.items[0]?.id ?? "")).attributes.name).toBe("acme.com");
    const policies = await client.listPolicies(ORG_ID, { type: "authentication" });
    const rule = policies.items[0] && parsePolicyRule(policies.items[0], "authentication");
    expect(rule?.twoStepVerification).toBe("optional");
    expect((await client.listPolicies(ORG_ID, { type: "ip-allowlist" })).items).toEqual([]);
    const keys = await client.listApiKeys(ORG_ID);
    expect(keys.items).toHaveLength(1);
    expect(keys.items[0]?.orgId).toBe(ORG_ID);
    expect(keys.items[0]?.createdBy?.id).toBe(ADA);
  });
});

describe("governance", () => {
  it("suspends, restores, disables, enables and revokes tokens, as the control API records", async () => {
    expect((await client.suspendAccess(ORG_ID, BOB)).message).toContain("suspended");
    const suspended = await client.listManagedUsers(ORG_ID);
    expect(suspended.items.find((user) => user.account_id === BOB)?.product_access).toEqual([]);
    expect((await client.restoreAccess(ORG_ID, BOB)).message).toContain("restored");
    await client.disableUser(BOB, { message: "compromised" });
    const disabled = await client.listManagedUsers(ORG_ID);
    expect(disabled.items.find((user) => user.account_id === BOB)?.account_status).toBe("inactive");
    await client.enableUser(BOB);
    const tokens = await client.listUserApiTokens(BOB);
    expect(tokens).toHaveLength(1);
    await client.deleteUserApiToken(BOB, tokens[0]?.id ?? "");
    expect(await client.listUserApiTokens(BOB)).toEqual([]);

    const state = (await (await control(simulator.baseUrl, "GET", `/orgs/${ORG_ID}/users`)).json()) as {
      users: { accountId: string; status: string; revokedTokenIds: string[]; governanceCalls: { kind: string; message?: string }[] }[];
    };
    const bob = state.users.find((user) => user.accountId === BOB);
    expect(bob?.status).toBe("active");
    expect(bob?.revokedTokenIds).toEqual([tokens[0]?.id]);
    expect(bob?.governanceCalls.map((call) => call.kind)).toEqual(["suspend-access", "restore-access", "lifecycle-disable", "lifecycle-enable", "api-token-delete"]);
    expect(bob?.governanceCalls[2]?.message).toBe("compromised");
    const audit = await client.listEvents(ORG_ID, { action: "user_access_suspended" });
    expect(audit.items[0]?.attributes.actor.auth?.authType).toBe("api-key");
  });

  it("refuses user-management calls on an unmanaged account (403) and unknown users (404)", async () => {
    await expect(client.disableUser(CAROL)).rejects.toMatchObject({ kind: "forbidden", status: 403 });
    await expect(client.suspendAccess(ORG_ID, "nobody")).rejects.toMatchObject({ kind: "not_found" });
    await expect(client.deleteUserApiToken(ADA, "no-such-token")).rejects.toMatchObject({ kind: "not_found" });
  });
});
