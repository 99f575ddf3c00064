import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listAuditEvents } from "../../repositories/audit-repository";
import { listPostureAlerts } from "../../repositories/alert-lookup-repository";
import { createConnector } from "../connectors/create-connector";
import { runSyncPass } from "../sync/run-sync-pass";
import { getLatestScores } from "./get-latest-scores";
import { getSecureScore } from "./get-secure-score";
import { listRecommendations } from "./list-recommendations";
import { createPostureSimOrg, postSimEvents, putSimPolicies, settingChangeEvent } from "./posture-sim-org.fixture";
import { refreshPosture } from "./refresh-posture";
import { setRecommendationState } from "./set-recommendation-state";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const pass = (connectorId: string) => runSyncPass({ connectorId, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });
const DAY = 86_400_000;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);

const connect = async (scenario: "strong" | "partial", idle: string[] = []) => {
  const { principal } = await makeUser("admin");
  const org = await createPostureSimOrg(sim.baseUrl, scenario, { idle });
  const connector = await createConnector({
    actor: principal,
    input: { name: org.definition.name, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1, apiKeyExpiresAt: new Date(Date.now() + 200 * DAY) },
  });
  expect((await pass(connector.id)).outcome).toBe("caught_up");
  return { principal, org, connector };
};

const statuses = (list: Awaited<ReturnType<typeof listRecommendations>>) => Object.fromEntries(list.map((r) => [r.key, [r.status, r.fraction, r.pointsEarned]]));

describe("posture against the simulator", () => {
  it("evaluates a strong org after its first sync: everything met, 100%", async () => {
    const { connector } = await connect("strong");
    const list = await listRecommendations({ connectorId: connector.id });
    expect(list).toHaveLength(11);
    expect(list.every((r) => r.status === "met")).toBe(true);
    const score = await getSecureScore({ connectorId: connector.id });
    expect(score).toMatchObject({ score: 100, pointsEarned: 61, pointsPossible: 61, refresh: { phase: "idle" } });
    expect(score.history).toHaveLength(1);
    expect(await getLatestScores()).toEqual([expect.objectContaining({ connectorId: connector.id, score: 100 })]);
  });

  it("gives the partial org its known statuses, partial fractions and score, and accepted risks leave the denominator", async () => {
    const { principal, connector } = await connect("partial", ["partial-ivy"]);
    const list = await listRecommendations({ connectorId: connector.id });
    expect(statuses(list)).toEqual({
      enable_mfa: ["partially_met", 0.67, 6.67],
      session_timeout: ["partially_met", 0.67, 3.33],
      password_requirements: ["partially_met", 0.67, 3.33],
      mobile_app_security: ["partially_met", 0.67, 3.33],
      app_data_protection: ["partially_met", 0.5, 2.5],
      api_key_rotation: ["met", 1, 5],
      limit_org_admins: ["met", 1, 5],
      admin_mfa: ["met", 1, 10],
      inactive_users: ["partially_met", 0.83, 2.5],
      verify_domains: ["partially_met", 0.5, 1.5],
      policy_exemptions: ["met", 1, 5],
    });
    const mfa = list.find((r) => r.key === "enable_mfa")!;
    expect(mfa.affected.policies).toEqual([{ id: "auth-contractors", name: "Contractors" }]);
    expect(mfa.affected.users.map((u) => u.email).sort()).toEqual(["kim@partial.example", "lee@partial.example"]);
    expect(mfa.howToFix[0]).toMatch(/Authentication policies/);
    expect(list.find((r) => r.key === "inactive_users")!.affected.users.map((u) => u.accountId)).toEqual(["partial-ivy"]);
    expect(list.find((r) => r.key === "verify_domains")!.affected.items).toEqual([{ id: "partial-partners.example", label: "partial-partners.example (unverified)" }]);
    const before = await getSecureScore({ connectorId: connector.id });
    expect(before).toMatchObject({ pointsEarned: 48.16, pointsPossible: 61 });
    expect(before.score).toBeCloseTo(79.0, 1);

    const accepted = await setRecommendationState({ actor: principal, key: "enable_mfa", input: { connectorId: connector.id, state: "risk_accepted", reason: "Contractors use hardware-backed VPN" } });
    expect(accepted).toMatchObject({ state: "risk_accepted", status: "partially_met", isScored: false, pointsPossible: 0, override: { reason: "Contractors use hardware-backed VPN", setBy: principal.email } });
    const after = await getSecureScore({ connectorId: connector.id });
    expect(after).toMatchObject({ pointsEarned: 41.49, pointsPossible: 51 });
    expect(after.score).toBeCloseTo(81.4, 1);
    expect(after.history).toHaveLength(2);
    const audit = (await listAuditEvents({ limit: 1, action: "posture.recommendation_state_changed" })).rows[0];
    expect(audit).toMatchObject({ actorEmail: principal.email, targetType: "recommendation", details: expect.objectContaining({ key: "enable_mfa", to: "risk_accepted", reason: "Contractors use hardware-backed VPN" }) });

    await setRecommendationState({ actor: principal, key: "enable_mfa", input: { connectorId: connector.id, state: "active", reason: "" } });
    expect(await getSecureScore({ connectorId: connector.id })).toMatchObject({ pointsEarned: 48.16, pointsPossible: 61 });
  });

  it("links a 2SV-disabled change by a named admin to the drop and raises a posture_regression alert", async () => {
    const { principal, org, connector } = await connect("strong");
    expect((await getSecureScore({ connectorId: connector.id })).score).toBe(100);
    const grace = org.definition.users.find((u) => u.accountId === "strong-grace")!;
    const policies = org.definition.policies!.map((p) => (p.type === "authentication" ? { ...p, rule: { ...p.rule, twoStepVerification: "off" } } : p));
    await putSimPolicies(sim.baseUrl, org.orgId, policies);
    await postSimEvents(sim.baseUrl, org.orgId, [settingChangeEvent("two_step_verification_disabled", grace, "Disabled two-step verification")]);

    expect(await refreshPosture({ actor: principal, connectorId: connector.id })).toMatchObject({ phase: "syncing" });
    expect((await getSecureScore({ connectorId: connector.id })).refresh.phase).toBe("syncing");
    await pass(connector.id);

    const score = await getSecureScore({ connectorId: connector.id });
    expect(score.refresh.phase).toBe("idle");
    // MFA (10), admin MFA (10) and exemptions (5) are lost: 36 of 61.
    expect(score).toMatchObject({ pointsEarned: 36, pointsPossible: 61 });
    expect(score.history.map((h) => h.score)).toEqual([100, 59]);
    const list = await listRecommendations({ connectorId: connector.id });
    const mfa = list.find((r) => r.key === "enable_mfa")!;
    expect(mfa.status).toBe("not_met");
    expect(mfa.drift).toMatchObject({ previousStatus: "met", status: "not_met", events: [{ action: "two_step_verification_disabled", actor: { accountId: "strong-grace", email: "grace@strong.example" } }] });

    const alerts = await listPostureAlerts(connector.id);
    expect(alerts.map((a) => a.details).map((d) => (d as { recommendationKey: string }).recommendationKey).sort()).toEqual(["admin_mfa", "enable_mfa", "policy_exemptions"]);
    const mfaAlert = alerts.find((a) => (a.details as { recommendationKey: string }).recommendationKey === "enable_mfa")!;
    expect(mfaAlert).toMatchObject({ policyName: "Security posture regression", policyId: null, severity: "high", userEmail: "grace@strong.example", userName: "Grace Admin", activityCount: 1 });
    expect(mfaAlert.episodeKey).toBe(`posture_regression:${connector.id}:enable_mfa:${mfa.drift!.evaluationId}`);
    expect(mfaAlert.activities).toHaveLength(1);
    expect(mfa.drift!.alertId).toBe(mfaAlert.id);

    // Re-evaluating without change raises nothing new, and the drift stays on the recommendation.
    await refreshPosture({ actor: principal, connectorId: connector.id });
    await pass(connector.id);
    expect(await listPostureAlerts(connector.id)).toHaveLength(3);
    expect((await listRecommendations({ connectorId: connector.id })).find((r) => r.key === "enable_mfa")!.drift?.alertId).toBe(mfaAlert.id);
  });

  it("links the admin's event when it is synced a pass after the policy change", async () => {
    const { principal, org, connector } = await connect("strong");
    const ada = org.definition.users.find((u) => u.accountId === "strong-ada")!;
    const policies = org.definition.policies!.map((p) => (p.type === "authentication" ? { ...p, rule: { ...p.rule, idleSessionDurationMinutes: 43_200 } } : p));
    await putSimPolicies(sim.baseUrl, org.orgId, policies);
    await refreshPosture({ actor: principal, connectorId: connector.id });
    await pass(connector.id);
    let session = (await listRecommendations({ connectorId: connector.id })).find((r) => r.key === "session_timeout")!;
    expect(session).toMatchObject({ status: "not_met", drift: { events: [] } });
    expect((await listPostureAlerts(connector.id))[0]).toMatchObject({ userEmail: null, activityCount: 0 });

    await postSimEvents(sim.baseUrl, org.orgId, [settingChangeEvent("session_duration_updated", ada, "Updated idle session duration")]);
    await refreshPosture({ actor: principal, connectorId: connector.id });
    await pass(connector.id);
    session = (await listRecommendations({ connectorId: connector.id })).find((r) => r.key === "session_timeout")!;
    expect(session.drift?.events).toEqual([expect.objectContaining({ action: "session_duration_updated", actor: expect.objectContaining({ email: "ada@strong.example" }) })]);
    const alerts = await listPostureAlerts(connector.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: session.drift?.alertId, userEmail: "ada@strong.example", activityCount: 1, severity: "medium" });
  });

  it("answers 404 for an unknown connector or recommendation", async () => {
    const { principal, connector } = await connect("strong");
    await expect(listRecommendations({ connectorId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ status: 404 });
    await expect(setRecommendationState({ actor: principal, key: "nope", input: { connectorId: connector.id, state: "risk_accepted", reason: "why not" } })).rejects.toMatchObject({ status: 404 });
  });
});
