import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { ZCreateChannelInput } from "../../../shared/schemas/notifications";
import { ZCreatePolicyInput } from "../../../shared/schemas/policies";
import { resetDatabase } from "../../../testing/reset-database";
import { loginEvents, postEvents } from "../../../testing/sim-org";
import { fanOutPendingAlerts } from "../../repositories/alert-fan-out-repository";
import { ensureBuiltinPolicies } from "../detection/ensure-builtin-policies";
import { runDetectionLoop } from "../detection/run-detection-loop";
import { startSmtpServer } from "../notifications/local-receivers.fixture";
import { createChannel } from "../notifications/save-channel";
import { createPolicy, updatePolicyForActor } from "../policies/save-policy";
import { runSyncPass } from "../sync/run-sync-pass";
import { connectOrg, governPass, settle, silentLogger, simUser, sql } from "./governance.fixture";
import { listGovernanceLog } from "./list-governance-log";
import { requestGovernanceAction } from "./request-governance-action";

let sim: TRunningSimulator;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const emailChannel = async (actor: Parameters<typeof createChannel>[0]["actor"]) => {
  const smtp = await startSmtpServer();
  cleanups.push(smtp.close);
  await createChannel({
    actor,
    input: ZCreateChannelInput.parse({
      kind: "email",
      name: "SOC mail",
      settings: { host: "127.0.0.1", port: smtp.port, security: "none", from: "watchpost@example.com", to: ["soc@example.com"] },
    }),
  });
  return smtp;
};

describe("policy-triggered governance actions", () => {
  it("a policy with actions → alert from detection → fan-out → the worker suspends and notifies the user, once per alert", async () => {
    const { admin, org, connector, member } = await connectOrg(sim);
    const smtp = await emailChannel(admin);
    const policy = await createPolicy({
      actor: admin,
      input: ZCreatePolicyInput.parse({
        name: "Logins of the watched user",
        filter: { actions: ["user_login"], users: [member.accountId] },
        trigger: { kind: "single" },
        actions: ["suspend_user", "notify_user"],
      }),
    });
    expect(policy.actions).toEqual(["suspend_user", "notify_user"]);

    const user = org.users.find((u) => u.accountId === member.accountId);
    if (!user) throw new Error("member missing");
    await postEvents(sim.baseUrl, org.orgId, loginEvents([user], 1));
    await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger: silentLogger });
    const detected = await runDetectionLoop({ durationMs: 1_000, intervalMs: 100, logger: silentLogger });
    expect(detected.alertsCreated).toBeGreaterThan(0);

    const alerts = await sql<{ id: string; title: string }>("SELECT id::text, title FROM alerts WHERE policy_key = $1", [policy.key]);
    expect(alerts.length).toBe(detected.alertsCreated);
    const queued = await listGovernanceLog({ accountId: member.accountId, limit: 50 });
    expect(queued.data).toHaveLength(alerts.length * 2);
    expect(queued.data[0]).toMatchObject({ status: "pending", triggeredBy: { kind: "policy", policyKey: policy.key, policyName: "Logins of the watched user" } });

    for (const entry of queued.data) expect(await settle(entry.id)).toMatchObject({ status: "succeeded" });
    expect((await simUser(sim, org.orgId, member.accountId)).status).toBe("suspended");
    expect(smtp.mails).toHaveLength(alerts.length);
    expect(smtp.mails[0]).toMatchObject({ to: [member.email], subject: expect.stringMatching(/^Security notice about your Atlassian account/) });
    expect(smtp.mails[0]?.raw).toContain(`What we saw: ${alerts[0]?.title ?? "?"}`);
    expect(smtp.mails[0]?.raw).toContain("contact your security team");

    // Fan-out running again (a crash before it marked the alerts) queues nothing new: one action per alert and kind.
    await sql("UPDATE alerts SET fanned_out_at = NULL");
    expect(await fanOutPendingAlerts()).toMatchObject({ alerts: alerts.length, actions: 0 });
    expect(await sql("SELECT alert_id::text, action::text, count(*)::int AS n FROM governance_actions GROUP BY 1, 2 HAVING count(*) > 1")).toEqual([]);
    await governPass();
    expect((await listGovernanceLog({ limit: 50 })).data).toHaveLength(alerts.length * 2);
  });

  it("built-in policies take actions too; more than 3 or repeated actions are refused", async () => {
    const { admin } = await connectOrg(sim);
    await ensureBuiltinPolicies();
    const updated = await updatePolicyForActor({ actor: admin, idOrKey: "impossible_travel", input: { actions: ["suspend_user"] } });
    expect(updated.actions).toEqual(["suspend_user"]);
    const input = { name: "x", filter: { actions: ["user_login"] }, trigger: { kind: "single" } };
    expect(ZCreatePolicyInput.safeParse({ ...input, actions: ["suspend_user", "suspend_user"] }).error?.issues[0]?.message).toBe("Each action may be listed once");
    expect(ZCreatePolicyInput.safeParse({ ...input, actions: ["unsuspend_user"] }).success).toBe(false);
  });
});

describe("notify_user", () => {
  it("emails what was seen and whom to contact (the person who asked)", async () => {
    const { admin, analyst, connector, member } = await connectOrg(sim);
    const smtp = await emailChannel(admin);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "notify_user", accountId: member.accountId, connectorId: connector.id, reason: "Your API token was used from a new country", chat: false } });
    expect(await settle(queued.id)).toMatchObject({ status: "succeeded", result: { to: member.email, channels: ["SOC mail"] } });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]?.raw).toContain("Your API token was used from a new country");
    expect(smtp.mails[0]?.raw).toContain(analyst.email);
  });

  it("fails at once, with the reason, when no email channel is configured", async () => {
    const { analyst, connector, member } = await connectOrg(sim);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "notify_user", accountId: member.accountId, connectorId: connector.id, reason: "Heads-up" } });
    expect(await settle(queued.id)).toMatchObject({ status: "failed", attempts: 1, error: "No email channel is configured: add one under Settings → Notifications" });
  });
});
