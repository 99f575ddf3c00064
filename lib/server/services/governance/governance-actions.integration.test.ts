import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { resetDatabase } from "../../../testing/reset-database";
import { listAuditEvents } from "../../repositories/audit-repository";
import { clearFaults, connectOrg, governPass, logEntry, setFaults, settle, simUser, sql } from "./governance.fixture";
import { listGovernanceLog } from "./list-governance-log";
import { requestGovernanceAction } from "./request-governance-action";
import { confirmGovernanceAction, revertGovernanceAction } from "./revert-governance-action";

let sim: TRunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);
afterEach(() => clearFaults(sim));

describe("governance actions take effect in Atlassian (the simulator)", () => {
  it("suspend_user suspends, revert restores access, and both are in the log and the audit log", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    const queued = await requestGovernanceAction({
      actor: analyst,
      input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Sign-ins from two continents" },
    });
    expect(queued).toMatchObject({ status: "pending", attempts: 0, action: "suspend_user", triggeredBy: { kind: "person", email: analyst.email }, revertible: false });

    const done = await settle(queued.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1, revertible: true, result: { message: expect.stringContaining("suspended") } });
    expect(done.completedAt).toBeDefined();
    const suspended = await simUser(sim, org.orgId, member.accountId);
    expect(suspended.status).toBe("suspended");
    expect(suspended.governanceCalls.map((c) => c.kind)).toEqual(["suspend-access"]);
    expect(await sql("SELECT status FROM atlassian_users WHERE account_id = $1", [member.accountId])).toEqual([{ status: "suspended" }]);

    const revert = await revertGovernanceAction({ actor: analyst, id: queued.id });
    expect(revert).toMatchObject({ action: "unsuspend_user", status: "pending", revertOfId: queued.id });
    await expect(revertGovernanceAction({ actor: analyst, id: queued.id })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/already reverted/) });
    expect(await settle(revert.id)).toMatchObject({ status: "succeeded" });
    const restored = await simUser(sim, org.orgId, member.accountId);
    expect(restored.status).toBe("active");
    expect(restored.governanceCalls.map((c) => c.kind)).toEqual(["suspend-access", "restore-access"]);
    expect(await logEntry(queued.id)).toMatchObject({ revertedById: revert.id, revertible: false });
    await expect(revertGovernanceAction({ actor: analyst, id: revert.id })).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/Only a suspension/) });

    const audit = await listAuditEvents({ limit: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["governance.action_requested", "governance.action_reverted"]));
  });

  it("require_sign_in revokes every API token and says that browser sessions cannot be ended", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    const tokens = (await simUser(sim, org.orgId, member.accountId)).apiTokenIds;
    expect(tokens.length).toBeGreaterThan(0);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "require_sign_in", accountId: member.accountId, connectorId: connector.id, reason: "Token seen from Tor" } });
    const done = await settle(queued.id);
    expect(done).toMatchObject({ status: "succeeded", result: { revokedTokenIds: tokens, note: "Atlassian has no public API to end browser sessions; API tokens were revoked" } });
    const after = await simUser(sim, org.orgId, member.accountId);
    expect(after.apiTokenIds).toEqual([]);
    expect(after.revokedTokenIds).toEqual(tokens);
    expect(after.governanceCalls.map((c) => c.kind)).toEqual(tokens.map(() => "api-token-delete"));
  });

  it("unsuspend_user of an active user is allowed (restore-access is idempotent)", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "unsuspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Idempotent" } });
    expect(await settle(queued.id)).toMatchObject({ status: "succeeded" });
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("active");
  });
});

describe("retries and failures", () => {
  it("retries after simulator 500s with backoff, then succeeds", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    await setFaults(sim, { serverErrorRate: 1, orgId: org.orgId, pathContains: "/suspend-access" });
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Retry me" } });
    await governPass();
    const retrying = await logEntry(queued.id);
    expect(retrying).toMatchObject({ status: "pending", attempts: 1, error: "Attempt 1 of 5 failed: The Atlassian API answered with a server error (HTTP 500); retrying" });
    const [{ next_attempt_at: nextAttempt } = { next_attempt_at: new Date(0) }] = await sql<{ next_attempt_at: Date }>("SELECT next_attempt_at FROM governance_actions WHERE id = $1", [queued.id]);
    expect(nextAttempt.getTime()).toBeGreaterThan(Date.now() - 1_000);

    const done = await settle(queued.id, async (pass) => {
      if (pass === 0) {
        // One more failed attempt, then the simulator recovers.
        await new Promise((resolve) => setTimeout(resolve, 40));
        await governPass();
        await clearFaults(sim);
      }
    });
    expect(done).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(done.error).toBeUndefined();
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("suspended");
  });

  it("a persistent failure ends failed with the error after 5 attempts, and the user is untouched", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    await setFaults(sim, { serverErrorRate: 1, orgId: org.orgId, pathContains: "/suspend-access" });
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Will fail" } });
    const started = Date.now();
    const failed = await settle(queued.id);
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 5,
      error: "The Atlassian API answered with a server error (HTTP 500) (gave up after 5 attempts)",
      revertible: false,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("active");
    expect((await listGovernanceLog({ status: "failed", limit: 10 })).data.map((e) => e.id)).toEqual([queued.id]);
  });

  it("fails at once, without retries, on 403 (unmanaged account) and 401 (revoked key)", async () => {
    const { analyst, org, connector, member, outsider } = await connectOrg(sim);
    // The directory sync keeps managed accounts only; an unmanaged one can still be in the directory (e.g. a guest).
    await sql("INSERT INTO atlassian_users (id, connector_id, account_id, name, email, status, synced_at) VALUES (gen_random_uuid(), $1, $2, 'Outsider', $3, 'active', now()) ON CONFLICT DO NOTHING", [
      connector.id,
      outsider.accountId,
      outsider.email,
    ]);
    const unmanaged = await requestGovernanceAction({ actor: analyst, input: { action: "require_sign_in", accountId: outsider.accountId, connectorId: connector.id, reason: "Unmanaged" } });
    expect(await settle(unmanaged.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "Atlassian refused (HTTP 403): the account is not managed by this organization, or the API key may not manage its API tokens",
    });

    await fetch(`${sim.baseUrl}/__sim/orgs/${org.orgId}/keys/${org.apiKey}/revoke`, { method: "POST" });
    const revoked = await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Key revoked" } });
    expect(await settle(revoked.id)).toMatchObject({ status: "failed", attempts: 1, error: expect.stringMatching(/HTTP 401.*renew the API key/) });
  });

  it("fails at once when the user is no longer in the organization (404)", async () => {
    const { analyst, connector } = await connectOrg(sim);
    await sql("INSERT INTO atlassian_users (id, connector_id, account_id, name, email, status, synced_at) VALUES (gen_random_uuid(), $1, 'gone-1', 'Gone', 'gone@acme.test', 'active', now())", [connector.id]);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: "gone-1", connectorId: connector.id, reason: "Left" } });
    expect(await settle(queued.id)).toMatchObject({ status: "failed", attempts: 1, error: "The user is no longer in the organization (Atlassian answered 404 to suspend-access)" });
  });
});

describe("bad input → 400 with a message", () => {
  it("refuses unknown connectors, users of another connector, unknown users and foreign alerts", async () => {
    const first = await connectOrg(sim, "First org");
    const second = await connectOrg(sim, "Second org");
    const base = { action: "suspend_user" as const, reason: "Test" };
    await expect(
      requestGovernanceAction({ actor: first.analyst, input: { ...base, accountId: first.member.accountId, connectorId: "00000000-0000-4000-8000-000000000000" } }),
    ).rejects.toMatchObject({ code: "bad_request", message: "Unknown connector: no connector has this id" });
    await expect(requestGovernanceAction({ actor: first.analyst, input: { ...base, accountId: second.member.accountId, connectorId: first.connector.id } })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/is a user of another connector \(Second org\), not of "First org"/),
      invalidParams: [{ name: "accountId", reason: expect.any(String) }],
    });
    await expect(requestGovernanceAction({ actor: first.analyst, input: { ...base, accountId: "nobody-1", connectorId: first.connector.id } })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/is not a user of connector "First org"/),
    });
    await expect(
      requestGovernanceAction({ actor: first.analyst, input: { ...base, accountId: first.member.accountId, connectorId: first.connector.id, alertId: "00000000-0000-4000-8000-000000000001" } }),
    ).rejects.toMatchObject({ code: "bad_request", message: "Unknown alert: no alert has this id" });

    const [alert] = await sql<{ id: string }>(
      `INSERT INTO alerts (id, policy_key, policy_name, severity, connector_id, user_account_id, user_email, title, explanation, episode_key, first_activity_at, last_activity_at, created_at, updated_at)
       VALUES (gen_random_uuid(), 'impossible_travel', 'Impossible travel', 'high', $1, $2, 'x@acme.test', 'Travel', 'London then Sydney', 'k1', now(), now(), now(), now()) RETURNING id::text`,
      [second.connector.id, second.member.accountId],
    );
    await expect(
      requestGovernanceAction({ actor: first.analyst, input: { ...base, accountId: first.member.accountId, connectorId: first.connector.id, alertId: alert?.id } }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/alert is about another user or connector/) });

    // From the alert's own user: accepted, and written to the alert's history with the actor.
    const queued = await requestGovernanceAction({ actor: second.analyst, input: { ...base, accountId: second.member.accountId, connectorId: second.connector.id, alertId: alert?.id } });
    expect(queued.alertId).toBe(alert?.id);
    expect(await sql("SELECT kind, actor_email, detail FROM alert_events WHERE alert_id = $1", [alert?.id])).toEqual([
      { kind: "action_requested", actor_email: second.analyst.email, detail: { action: "suspend_user", governanceActionId: queued.id } },
    ]);
    expect(await sql("SELECT count(*)::int AS n FROM governance_actions")).toEqual([{ n: 1 }]);
  });
});

describe("auto-restore, confirmation and the log", () => {
  it("restores access automatically when due, unless the suspension was confirmed", async () => {
    const { analyst, org, connector, member } = await connectOrg(sim);
    const input = { action: "suspend_user" as const, accountId: member.accountId, connectorId: connector.id, reason: "Pending investigation", autoRestoreHours: 2 };
    const first = await requestGovernanceAction({ actor: analyst, input });
    const done = await settle(first.id);
    expect(new Date(done.autoRestoreAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000 - 60_000);

    await sql("UPDATE governance_actions SET auto_restore_at = now() - interval '1 second' WHERE id = $1", [first.id]);
    await governPass();
    await governPass();
    const { data } = await listGovernanceLog({ connectorId: connector.id, accountId: member.accountId, limit: 10 });
    const restore = data.find((e) => e.revertOfId === first.id);
    expect(restore).toMatchObject({ action: "unsuspend_user", status: "succeeded", triggeredBy: { kind: "system", reason: expect.stringMatching(/not confirmed within 2 hours/) } });
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("active");
    expect(await logEntry(first.id)).toMatchObject({ revertedById: restore?.id, revertible: false });
    expect((await logEntry(first.id)).autoRestoreAt).toBeUndefined();

    const second = await requestGovernanceAction({ actor: analyst, input });
    await settle(second.id);
    const confirmed = await confirmGovernanceAction({ actor: analyst, id: second.id });
    expect(confirmed.autoRestoreAt).toBeUndefined();
    await expect(confirmGovernanceAction({ actor: analyst, id: second.id })).rejects.toMatchObject({ code: "bad_request" });
    await governPass();
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("suspended");
    expect(await sql("SELECT count(*)::int AS n FROM governance_actions WHERE revert_of_id = $1", [second.id])).toEqual([{ n: 0 }]);
  });

  it("lists newest first with filters and a keyset cursor; a tampered cursor is a 400", async () => {
    const { analyst, connector, member } = await connectOrg(sim);
    const ids: string[] = [];
    for (const action of ["notify_user", "require_sign_in", "suspend_user", "unsuspend_user"] as const) {
      ids.push((await requestGovernanceAction({ actor: analyst, input: { action, accountId: member.accountId, connectorId: connector.id, reason: action } })).id);
    }
    const page1 = await listGovernanceLog({ connectorId: connector.id, limit: 3 });
    expect(page1.data.map((e) => e.id)).toEqual([...ids].reverse().slice(0, 3));
    const page2 = await listGovernanceLog({ connectorId: connector.id, limit: 3, cursor: page1.nextCursor ?? undefined });
    expect(page2).toEqual({ data: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await listGovernanceLog({ action: "suspend_user", limit: 10 })).data.map((e) => e.id)).toEqual([ids[2]]);
    await expect(listGovernanceLog({ limit: 10, cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});
