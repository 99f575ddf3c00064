import { describe, expect, it } from "vitest";
import type { TCustomPolicyFilter, TCustomPolicyTrigger } from "../../shared/schemas/policies";
import { EMPTY_DIRECTORY, EMPTY_SCOPE, type TDirectoryLookup, type TRuntimePolicy } from "../policy-config";
import { activity } from "../testing/activity-factory";
import { evaluateCustomPolicy, type TCustomWindows } from "./evaluate-custom";
import { matchesFilter } from "./match-filter";
import { CUSTOM_POLICY_TEMPLATES } from "./templates";

const policy = (filter: TCustomPolicyFilter, trigger: TCustomPolicyTrigger, createdAt = new Date(0)): TRuntimePolicy => ({
  id: "p1",
  key: "custom:p1",
  builtinKey: null,
  name: "Test policy",
  enabled: true,
  sensitivity: "medium",
  severity: "high",
  scope: EMPTY_SCOPE,
  filter,
  trigger,
  createdAt,
});

const fails = (count: number, everyMs: number, actorId = "u1") =>
  Array.from({ length: count }, (_, i) => activity({ at: new Date(Date.parse("2026-01-10T09:00:00Z") + i * everyMs), action: "user_login_failed", actorId }));

describe("custom policy evaluator", () => {
  const template = CUSTOM_POLICY_TEMPLATES.find((t) => t.id === "multiple-failed-sign-ins");
  if (!template) throw new Error("template missing");
  const p = policy(template.filter, template.trigger);

  it("alerts more than 10 failures in 5 minutes once, continuing the episode", () => {
    const windows: TCustomWindows = {};
    const out = evaluateCustomPolicy(p, fails(15, 10_000), windows, { directory: EMPTY_DIRECTORY, isLive: false });
    expect(new Set(out.map((c) => c.episodeKey)).size).toBe(1);
    expect(out[0]?.activitySeqs).toHaveLength(11);
    expect(out.at(-1)?.explanation).toMatch(/^15 matching activities in 2 min/);
  });

  it("does not alert 10 failures, nor failures spread wider than the window, and groups per user", () => {
    expect(evaluateCustomPolicy(p, fails(10, 10_000), {}, { directory: EMPTY_DIRECTORY, isLive: false })).toEqual([]);
    expect(evaluateCustomPolicy(p, fails(20, 40_000), {}, { directory: EMPTY_DIRECTORY, isLive: false })).toEqual([]);
    const mixed = [...fails(6, 10_000, "a"), ...fails(6, 10_000, "b")];
    expect(evaluateCustomPolicy(p, mixed, {}, { directory: EMPTY_DIRECTORY, isLive: false })).toEqual([]);
  });

  it("keeps its windows across batches", () => {
    const windows: TCustomWindows = {};
    const all = fails(12, 10_000);
    const first = evaluateCustomPolicy(p, all.slice(0, 6), windows, { directory: EMPTY_DIRECTORY, isLive: false });
    const second = evaluateCustomPolicy(p, all.slice(6), windows, { directory: EMPTY_DIRECTORY, isLive: false });
    expect(first).toEqual([]);
    expect(second).toHaveLength(2);
  });

  it("live: ignores activities stored before the policy existed", () => {
    const created = new Date("2026-02-01T00:00:00Z");
    const single = policy({ actions: ["user_login"] }, { kind: "single" }, created);
    const before = activity({ at: "2026-02-01T00:00:00Z", storedAt: new Date("2026-01-31T23:59:59Z") });
    const after = activity({ at: "2026-02-01T00:00:00Z", storedAt: new Date("2026-02-01T00:00:01Z") });
    expect(evaluateCustomPolicy(single, [before, after], {}, { directory: EMPTY_DIRECTORY, isLive: true }).map((c) => c.activitySeqs[0])).toEqual([after.seq]);
    expect(evaluateCustomPolicy(single, [before, after], {}, { directory: EMPTY_DIRECTORY, isLive: false })).toHaveLength(2);
  });
});

describe("filters", () => {
  const admins: TDirectoryLookup = { isOrgAdmin: (_c, id) => id === "admin", groupsOf: (_c, id) => (id === "admin" ? ["org-admins"] : []) };
  it("matches every field set (AND) and any list entry (OR)", () => {
    const a = activity({ at: "2026-01-01T00:00:00Z", action: "org_admin_granted", actorId: "admin", ipCategory: "vpn", ipTags: ["tor"], searchText: "granted org admin to bob" });
    expect(matchesFilter(a, { actions: ["org_admin_granted", "api_key_created"], adminActor: true, adminActionsOnly: true }, admins)).toBe(true);
    expect(matchesFilter(a, { ipCategoriesExclude: ["corporate"], ipTags: ["botnet", "tor"], countries: ["GB"], text: "Bob" }, admins)).toBe(true);
    expect(matchesFilter(a, { ipCategoriesExclude: ["vpn"] }, admins)).toBe(false);
    expect(matchesFilter(a, { groups: ["org-admins"], users: ["u1@acme.test", "admin"] }, admins)).toBe(true);
    expect(matchesFilter(a, { impersonation: true }, admins)).toBe(false);
    expect(matchesFilter({ ...a, ipCategory: null }, { ipCategoriesExclude: ["corporate"] }, admins)).toBe(true);
    expect(matchesFilter(a, { products: ["jira"] }, admins)).toBe(false);
  });
});
