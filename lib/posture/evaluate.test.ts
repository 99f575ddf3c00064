import { describe, expect, it } from "vitest";
import { RECOMMENDATIONS } from "./catalog";
import { findRegressions } from "./drift";
import { evaluatePosture } from "./evaluate";
import { NOW, policy, STRONG_AUTH, STRONG_DATA, STRONG_MOBILE, strongOrg, user } from "./fixtures";

const DAY = 86_400_000;
const byKey = (input = strongOrg(), overrides: Parameters<typeof evaluatePosture>[1] = []) => {
  const evaluation = evaluatePosture(input, overrides);
  return { evaluation, r: (key: string) => evaluation.results.find((x) => x.key === key)! };
};

describe("posture engine", () => {
  it("gives a strong org every recommendation met and 100%", () => {
    const { evaluation } = byKey();
    expect(evaluation.results.map((r) => [r.key, r.status])).toEqual(RECOMMENDATIONS.map((d) => [d.key, "met"]));
    const total = RECOMMENDATIONS.reduce((s, d) => s + d.points, 0);
    expect(evaluation).toMatchObject({ score: 100, pointsEarned: total, pointsPossible: total });
    expect(total).toBe(61);
  });

  it("has points, fix steps and setting actions on each recommendation", () => {
    expect(RECOMMENDATIONS.slice(0, 5).map((r) => [r.title, r.points])).toEqual([
      ["Enable multi-factor authentication", 10],
      ["Enable session timeout for web users", 5],
      ["Enhance password requirements", 5],
      ["Atlassian mobile app security", 5],
      ["App data protection", 5],
    ]);
    for (const r of RECOMMENDATIONS) {
      expect(r.howToFix.length).toBeGreaterThanOrEqual(3);
      expect(r.points).toBeGreaterThanOrEqual(1);
      expect(r.points).toBeLessThanOrEqual(10);
    }
  });

  it("counts MFA as a partial fraction of users, with the weak policy and its members affected", () => {
    const weak = { ...STRONG_AUTH, twoStepVerification: "optional", accountIds: ["u1"] };
    const { r, evaluation } = byKey(strongOrg({ policies: [...strongOrg().policies, policy("weak", "authentication", weak, { name: "Contractors" })] }));
    expect(r("enable_mfa")).toMatchObject({ status: "partially_met", fraction: 0.75, pointsEarned: 7.5, pointsPossible: 10 });
    expect(r("enable_mfa").affected.policies).toEqual([{ id: "weak", name: "Contractors" }]);
    expect(r("enable_mfa").affected.users.map((u) => u.accountId)).toEqual(["u1"]);
    expect(evaluation).toMatchObject({ pointsEarned: 58.5, pointsPossible: 61, score: 95.9 });
  });

  it("treats SSO-enforced users as having MFA and strong passwords", () => {
    const sso = { ...STRONG_AUTH, twoStepVerification: "off", ssoEnforced: true, passwordStrength: "weak" };
    const { r } = byKey(strongOrg({ policies: [policy("auth", "authentication", sso)] }));
    expect(r("enable_mfa").status).toBe("met");
    expect(r("password_requirements").status).toBe("met");
    expect(r("policy_exemptions").status).toBe("met");
  });

  it("fails session timeout and passwords on Atlassian's defaults", () => {
    const weak = { ...STRONG_AUTH, twoStepVerification: "off", idleSessionDurationMinutes: 43_200, passwordStrength: "fair" };
    const { r } = byKey(strongOrg({ policies: [policy("default", "authentication", weak)] }));
    for (const key of ["enable_mfa", "session_timeout", "password_requirements", "admin_mfa", "policy_exemptions"]) expect(r(key)).toMatchObject({ status: "not_met", pointsEarned: 0 });
    expect(r("mobile_app_security").status).toBe("not_met");
    expect(r("mobile_app_security").affected.items).toEqual([{ id: "mobile-app-policy", label: "No enabled mobile app policy" }]);
  });

  it("scores mobile security and app data protection by the toggles that are on", () => {
    const mobile = { ...STRONG_MOBILE, requireDeviceEncryption: false, minimumOsVersion: null, appDataProtection: { ...STRONG_MOBILE.appDataProtection, blockScreenshots: false } };
    const { r } = byKey(strongOrg({ policies: [policy("auth", "authentication", STRONG_AUTH), policy("mobile", "mobile-app", mobile)] }));
    expect(r("mobile_app_security")).toMatchObject({ status: "partially_met", fraction: 0.67, pointsEarned: 3.33 });
    expect(r("mobile_app_security").affected.items.map((i) => i.id)).toEqual(["requireDeviceEncryption", "minimumOsVersion"]);
    // 4 of 5 toggles, and no data security policy: 4 of 6.
    expect(r("app_data_protection")).toMatchObject({ status: "partially_met", fraction: 0.67 });
  });

  it("ignores disabled policies", () => {
    const { r } = byKey(strongOrg({ policies: [policy("auth", "authentication", STRONG_AUTH), policy("mobile", "mobile-app", STRONG_MOBILE, { status: "disabled" }), policy("data", "data-security", STRONG_DATA)] }));
    expect(r("mobile_app_security").status).toBe("not_met");
  });

  it("reports unknown (and leaves the denominator) when the org exposes no security policies", () => {
    const { r, evaluation } = byKey(strongOrg({ policies: [policy("ip", "ip-allowlist", { ipRanges: [] })] }));
    for (const key of ["enable_mfa", "session_timeout", "password_requirements", "mobile_app_security", "app_data_protection", "admin_mfa", "policy_exemptions"]) {
      expect(r(key)).toMatchObject({ status: "unknown", fraction: null, isScored: false, pointsPossible: 0 });
    }
    expect(evaluation).toMatchObject({ pointsPossible: 16, score: 100 });
  });

  it("flags old or expiring API keys, too many admins, inactive users and unverified domains", () => {
    const { r } = byKey(
      strongOrg({
        users: [...["a1", "a2", "a3", "a4", "a5"].map((id) => user(id, { isAdmin: true })), user("idle", { lastActiveAt: new Date(NOW.getTime() - 120 * DAY) }), user("never", { lastActiveAt: null }), user("gone", { status: "suspended", lastActiveAt: null })],
        domains: [{ name: "acme.test", status: "verified" }, { name: "acme.dev", status: "unverified" }],
        apiKeys: [
          { id: "old", label: "Old", createdAt: new Date(NOW.getTime() - 200 * DAY), expiresAt: null },
          { id: "soon", label: "Soon", createdAt: new Date(NOW.getTime() - DAY), expiresAt: new Date(NOW.getTime() + 5 * DAY) },
          { id: "ok", label: "Ok", createdAt: new Date(NOW.getTime() - DAY), expiresAt: new Date(NOW.getTime() + 90 * DAY) },
        ],
      }),
    );
    expect(r("api_key_rotation")).toMatchObject({ status: "partially_met", fraction: 0.33 });
    expect(r("api_key_rotation").affected.items.map((i) => i.id)).toEqual(["old", "soon"]);
    expect(r("limit_org_admins")).toMatchObject({ status: "partially_met", fraction: 0.8, pointsEarned: 4 });
    expect(r("inactive_users")).toMatchObject({ status: "partially_met", fraction: 0.71 });
    expect(r("inactive_users").affected.users.map((u) => u.accountId)).toEqual(["idle", "never"]);
    expect(r("verify_domains")).toMatchObject({ status: "partially_met", fraction: 0.5, affected: { items: [{ id: "acme.dev", label: "acme.dev (unverified)" }] } });
  });

  it("flags admins outside 2SV/SSO and users exempted by a policy or by no policy at all", () => {
    const off = { ...STRONG_AUTH, twoStepVerification: "off", accountIds: ["admin2", "u2"] };
    const scoped = { ...STRONG_AUTH, accountIds: ["admin1"] };
    const { r } = byKey(strongOrg({ policies: [policy("admins", "authentication", scoped), policy("off", "authentication", off, { name: "Legacy" }), policy("mobile", "mobile-app", STRONG_MOBILE)] }));
    expect(r("admin_mfa")).toMatchObject({ status: "partially_met", fraction: 0.5, affected: { policies: [{ id: "off", name: "Legacy" }], users: [{ accountId: "admin2" }] } });
    // u1 is in no policy (no default one), admin2 and u2 are in the 2SV-off policy: 1 of 4 covered.
    expect(r("policy_exemptions")).toMatchObject({ status: "partially_met", fraction: 0.25 });
  });

  it("takes risk-accepted and alternatively resolved items out of the denominator but keeps their status", () => {
    const weak = { ...STRONG_AUTH, twoStepVerification: "optional" };
    const input = strongOrg({ policies: [policy("auth", "authentication", weak), policy("mobile", "mobile-app", STRONG_MOBILE), policy("data", "data-security", STRONG_DATA)] });
    const before = evaluatePosture(input);
    expect(before).toMatchObject({ pointsEarned: 41, pointsPossible: 61, score: 67.2 });
    const after = evaluatePosture(input, [
      { key: "enable_mfa", state: "risk_accepted", reason: "Hardware tokens rolled out in Q1", setBy: "a@x", setAt: NOW },
      { key: "admin_mfa", state: "resolved_alternative", reason: "Admins sign in through a PAM jump host", setBy: "a@x", setAt: NOW },
    ]);
    expect(after).toMatchObject({ pointsEarned: 41, pointsPossible: 41, score: 100 });
    expect(after.results.find((x) => x.key === "enable_mfa")).toMatchObject({ status: "not_met", state: "risk_accepted", isScored: false, pointsPossible: 0 });
  });

  it("finds regressions from met to partially met or not met only", () => {
    const previous = { at: NOW, results: [{ key: "a", status: "met" as const }, { key: "b", status: "met" as const }, { key: "c", status: "not_met" as const }, { key: "d", status: "met" as const }] };
    const current = [{ key: "a", status: "not_met" as const }, { key: "b", status: "partially_met" as const }, { key: "c", status: "not_met" as const }, { key: "d", status: "unknown" as const }];
    expect(findRegressions(previous, current).map((r) => [r.key, r.status])).toEqual([["a", "not_met"], ["b", "partially_met"]]);
    expect(findRegressions(null, current)).toEqual([]);
  });
});
