import { describe, expect, it } from "vitest";
import { ATLASSIAN_SCOPES, CONNECTOR_FEATURES, FEATURE_SCOPES, featureAvailability, governanceBlockReason, missingScopesOf, requiredScopesError } from "./atlassian-scopes";

const WRITES = ["write:directories:admin", "write:users:admin"];

describe("scope → feature mapping", () => {
  it("gives every feature at least one known scope, and uses every scope", () => {
    for (const feature of CONNECTOR_FEATURES) expect(FEATURE_SCOPES[feature].scopes.length).toBeGreaterThan(0);
    expect(new Set(CONNECTOR_FEATURES.flatMap((f) => FEATURE_SCOPES[f].scopes))).toEqual(new Set(ATLASSIAN_SCOPES));
  });

  it("a classic key (nothing missing) has every feature", () => {
    expect(featureAvailability([]).every((f) => f.isAvailable && f.missingScopes.length === 0)).toBe(true);
    expect(requiredScopesError([])).toBeNull();
  });

  it("a read-only key has activity, directory and posture but no governance writes, each naming its scope", () => {
    const byFeature = Object.fromEntries(featureAvailability(WRITES).map((f) => [f.feature, f]));
    expect(byFeature.activity?.isAvailable).toBe(true);
    expect(byFeature.directory?.isAvailable).toBe(true);
    expect(byFeature.posture?.isAvailable).toBe(true);
    expect(byFeature.suspend).toMatchObject({ isAvailable: false, missingScopes: ["write:directories:admin"] });
    expect(byFeature.revoke_tokens).toMatchObject({ isAvailable: false, missingScopes: ["write:users:admin"] });
    expect(requiredScopesError(WRITES)).toBeNull();
  });

  it("governance actions are blocked by the scope their calls need; notify_user never is", () => {
    expect(governanceBlockReason("suspend_user", WRITES)).toMatch(/lacks the scope write:directories:admin/);
    expect(governanceBlockReason("unsuspend_user", ["write:directories:admin"])).toMatch(/write:directories:admin/);
    expect(governanceBlockReason("require_sign_in", WRITES)).toMatch(/write:users:admin/);
    expect(governanceBlockReason("require_sign_in", ["write:directories:admin"])).toBeNull();
    expect(governanceBlockReason("notify_user", [...ATLASSIAN_SCOPES])).toBeNull();
  });

  it("connect is refused without the events or directory scopes, naming them", () => {
    expect(requiredScopesError(["read:events:admin"])).toMatch(/lacks the scope read:events:admin \(needed for activity log and detection\)/);
    expect(requiredScopesError(["read:domains:admin", "read:policies:admin"])).toMatch(/lacks the scope read:domains:admin \(needed for atlassian users/);
    expect(requiredScopesError(["read:events:admin", "read:directories:admin"])).toMatch(/scopes read:events:admin, read:directories:admin/);
    expect(missingScopesOf("posture", ["read:policies:admin"])).toEqual(["read:policies:admin"]);
  });
});
