import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { addSimKey, createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { governPass, logEntry, silentLogger, simUser, sql } from "../governance/governance.fixture";
import { requestGovernanceAction } from "../governance/request-governance-action";
import { runSyncPass } from "../sync/run-sync-pass";
import { checkConnectorScopes } from "./check-connector-scopes";
import { createConnector } from "./create-connector";
import { rotateApiKey } from "./rotate-api-key";

// Atlassian API keys "with scopes" against the simulator: Connect probes them, features without their scope
// are off (sync skips them, governance refuses at once), and rotation probes the new key.
const READ_ONLY = ["read:events:admin", "read:directories:admin", "read:domains:admin", "read:policies:admin"];
let sim: TRunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);

type TStats = { requests: Record<string, Record<string, number>> };
const simStats = async (): Promise<TStats> => (await (await fetch(`${sim.baseUrl}/__sim/stats`)).json()) as TStats;
const resetSimStats = () => fetch(`${sim.baseUrl}/__sim/stats`, { method: "DELETE" });
/** Requests the simulator answered that could change something (anything but GET). */
const writeRequests = (stats: TStats) => Object.keys(stats.requests).filter((route) => !route.startsWith("GET "));

const connect = async (scopes?: string[]) => {
  const { principal: admin } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl, scopes ? { scopes } : {});
  const input = { name: `Scoped ${org.orgId.slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 };
  return { admin, org, input };
};

describe("API keys with scopes", () => {
  it("a read-only key connects, stores what it lacks, syncs, and governance fails fast without a write request", async () => {
    const { admin, org, input } = await connect(READ_ONLY);
    await postEvents(sim.baseUrl, org.orgId, loginEvents(org.users.slice(0, 4), 12));
    const connector = await createConnector({ actor: admin, input });
    expect(connector.missingScopes).toEqual(["write:directories:admin", "write:users:admin", "read:workspaces:admin"]);
    expect(connector.scopesCheckedAt).not.toBeNull();
    // The probes themselves changed nothing: the write probes target an account that does not exist.
    for (const user of org.users) expect((await simUser(sim, org.orgId, user.accountId)).governanceCalls).toEqual([]);

    const pass = await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
    expect(pass.stored).toBe(12);
    expect(await sql("SELECT count(*)::int AS n FROM atlassian_users WHERE connector_id = $1", [connector.id])).toEqual([{ n: org.users.length - 1 }]);

    await resetSimStats();
    const member = org.users[1] as { accountId: string };
    const { principal: analyst } = await makeUser("analyst");
    await expect(
      requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "test" } }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/lacks the scope write:directories:admin/) });
    await expect(
      requestGovernanceAction({ actor: analyst, input: { action: "require_sign_in", accountId: member.accountId, connectorId: connector.id, reason: "test" } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/write:users:admin/) });

    // One queued another way (a policy, or before a rotation to this key) fails on its first run, without a request.
    const [row] = await sql<{ id: string }>(
      `INSERT INTO governance_actions (id, action, connector_id, account_id, reason, triggered_by_kind, updated_at)
       VALUES (gen_random_uuid(), 'suspend_user', $1, $2, 'policy', 'policy', now()) RETURNING id::text`,
      [connector.id, member.accountId],
    );
    await governPass();
    expect(await logEntry(row?.id ?? "")).toMatchObject({ status: "failed", attempts: 1, error: expect.stringMatching(/lacks the scope write:directories:admin/) });
    expect(writeRequests(await simStats())).toEqual([]);
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("active");
  });

  it("a key without the events scope is refused with the scope named on the API key field; nothing is stored", async () => {
    const { admin, input } = await connect(["read:directories:admin", "read:domains:admin", "read:policies:admin"]);
    await expect(createConnector({ actor: admin, input })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/lacks the scope read:events:admin/),
      invalidParams: [{ name: "apiKey", reason: expect.stringMatching(/read:events:admin/) }],
    });
    expect(await sql("SELECT count(*)::int AS n FROM connectors")).toEqual([{ n: 0 }]);
  });

  it("a key without the policies scope syncs without asking for policies", async () => {
    const { admin, input } = await connect(["read:events:admin", "read:directories:admin", "read:domains:admin"]);
    const connector = await createConnector({ actor: admin, input });
    expect(connector.missingScopes).toEqual(["read:policies:admin", "write:directories:admin", "write:users:admin", "read:workspaces:admin"]);
    await resetSimStats();
    await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
    const routes = Object.entries((await simStats()).requests);
    expect(routes.filter(([route]) => route.includes("/policies"))).toEqual([]);
    expect(routes.filter(([, byStatus]) => byStatus["403"])).toEqual([]);
  });

  it("rotation probes the new key: a classic key turns governance on; a re-check keeps it", async () => {
    const { admin, org, input } = await connect(READ_ONLY);
    const connector = await createConnector({ actor: admin, input });
    expect(connector.missingScopes).toHaveLength(3);
    const classic = `classic-${org.orgId}`;
    await addSimKey(sim.baseUrl, org.orgId, classic);
    const rotated = await rotateApiKey({ actor: admin, id: connector.id, apiKey: classic });
    expect(rotated.missingScopes).toEqual([]);
    expect(Date.parse(rotated.scopesCheckedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(connector.scopesCheckedAt ?? ""));
    expect((await checkConnectorScopes({ actor: admin, id: connector.id })).missingScopes).toEqual([]);

    const eventsOnly = `events-only-${org.orgId}`;
    await addSimKey(sim.baseUrl, org.orgId, eventsOnly, ["read:events:admin"]);
    await expect(rotateApiKey({ actor: admin, id: connector.id, apiKey: eventsOnly })).rejects.toMatchObject({ message: expect.stringMatching(/read:directories:admin, read:domains:admin/) });
    const history = await sql<{ kind: string }>("SELECT kind FROM connector_events WHERE connector_id = $1 ORDER BY id", [connector.id]);
    expect(history.map((h) => h.kind)).toEqual(["created", "api_key_rotated", "scopes_checked"]);
  });
});
