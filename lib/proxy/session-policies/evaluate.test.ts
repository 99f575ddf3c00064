import { describe, expect, it } from "vitest";
import { compareSessionPolicies, SESSION_POLICY_TEMPLATES, ZCreateSessionPolicyInput, type TSessionPolicy } from "../../shared/schemas/session-policies";
import { evaluateSessionPolicies, matchSessionPolicy, type TSessionRequestFacts } from "./evaluate";

const MB = 1024 * 1024;

let seq = 0;
/** A stored policy from create input (parsed, so defaults and transforms apply as they do for the API). */
const policy = (input: Record<string, unknown>, extra: Partial<Pick<TSessionPolicy, "id" | "createdAt">> = {}): TSessionPolicy => {
  const parsed = ZCreateSessionPolicyInput.parse({ name: `p${++seq}`, ...input });
  return { ...parsed, id: extra.id ?? `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`, createdAt: extra.createdAt ?? "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T00:00:00.000Z" };
};

const facts = (over: Partial<TSessionRequestFacts> = {}): TSessionRequestFacts => ({
  action: "proxy_download_attachment",
  product: "confluence",
  siteHost: "acme.atlassian.net",
  accountId: "acc-1",
  email: "ada@acme.com",
  isAdmin: false,
  isExternal: false,
  groups: [],
  deviceManaged: false,
  certificateIssuer: null,
  ip: "203.0.113.5",
  ipCategory: null,
  ipTags: [],
  countryCode: "GB",
  userAgent: "Mozilla/5.0 Chrome/140",
  fileName: "report.pdf",
  fileSizeBytes: 1000,
  ...over,
});

const block = (filters: Record<string, unknown> = {}, controlType = "control_download") => policy({ controlType, filters, action: { kind: "block" } });
const audit = (filters: Record<string, unknown> = {}) => policy({ controlType: "monitor", filters, action: { kind: "audit" } });
const matches = (p: TSessionPolicy, over: Partial<TSessionRequestFacts> = {}) => matchSessionPolicy(p, facts(over));

describe("session policy filters", () => {
  it("device: managed or unmanaged, and the certificate issuer (contains, case-insensitive)", () => {
    expect(matches(block({ device: "unmanaged" }))).toBe("yes");
    expect(matches(block({ device: "unmanaged" }), { deviceManaged: true })).toBe("no");
    expect(matches(block({ device: "managed" }), { deviceManaged: true })).toBe("yes");
    const issuer = block({ certificateIssuers: ["acme device ca"] });
    expect(matches(issuer, { certificateIssuer: "Acme Device CA 2026" })).toBe("yes");
    expect(matches(issuer, { certificateIssuer: "Other CA" })).toBe("no");
    expect(matches(issuer, { certificateIssuer: null })).toBe("no");
  });

  it("user: listed accounts (id or email), groups, admins, external users", () => {
    expect(matches(block({ users: ["ADA@acme.com"] }))).toBe("yes");
    expect(matches(block({ users: ["acc-1"] }), { email: null })).toBe("yes");
    expect(matches(block({ users: ["bob@acme.com"] }))).toBe("no");
    expect(matches(block({ users: ["acc-1"] }), { accountId: null, email: null })).toBe("no");
    expect(matches(block({ groups: ["Site-Admins"] }), { groups: ["site-admins"] })).toBe("yes");
    expect(matches(block({ groups: ["site-admins"] }))).toBe("no");
    expect(matches(block({ admins: true }), { isAdmin: true })).toBe("yes");
    expect(matches(block({ admins: true }))).toBe("no");
    expect(matches(block({ admins: false }), { isAdmin: true })).toBe("no");
    expect(matches(audit({ externalUsers: true }), { isExternal: true, action: "proxy_view_page" })).toBe("yes");
    expect(matches(audit({ externalUsers: true }), { action: "proxy_view_page" })).toBe("no");
  });

  it("IP: category, category excluded (no category passes), tags, country", () => {
    expect(matches(block({ ipCategories: ["risky"] }), { ipCategory: "risky" })).toBe("yes");
    expect(matches(block({ ipCategories: ["risky"] }))).toBe("no");
    const outside = block({ ipCategoriesExclude: ["corporate"] });
    expect(matches(outside)).toBe("yes");
    expect(matches(outside, { ipCategory: "vpn" })).toBe("yes");
    expect(matches(outside, { ipCategory: "corporate" })).toBe("no");
    expect(matches(block({ ipTags: ["tor", "anonymous_proxy"] }), { ipTags: ["tor"] })).toBe("yes");
    expect(matches(block({ ipTags: ["tor"] }), { ipTags: ["botnet"] })).toBe("no");
    expect(matches(block({ countries: ["gb"] }))).toBe("yes");
    expect(matches(block({ countries: ["FR"] }))).toBe("no");
    expect(matches(block({ countries: ["GB"] }), { countryCode: null })).toBe("no");
  });

  it("user agent, product and site", () => {
    expect(matches(block({ userAgents: ["curl"] }), { userAgent: "curl/8.5" })).toBe("yes");
    expect(matches(block({ userAgents: ["curl"] }))).toBe("no");
    expect(matches(block({ userAgents: ["curl"] }), { userAgent: null })).toBe("no");
    expect(matches(block({ products: ["jira"] }))).toBe("no");
    expect(matches(block({ products: ["jira", "confluence"] }))).toBe("yes");
    expect(matches(block({ sites: ["ACME.atlassian.net"] }))).toBe("yes");
    expect(matches(block({ sites: ["other.atlassian.net"] }))).toBe("no");
  });

  it("file: extension, name contains, size above N MB (MiB, strictly above)", () => {
    expect(matches(block({ fileExtensions: [".PDF", "zip"] }))).toBe("yes");
    expect(matches(block({ fileExtensions: ["zip"] }))).toBe("no");
    expect(matches(block({ fileExtensions: ["pdf"] }), { fileName: "README" })).toBe("no");
    expect(matches(block({ fileExtensions: ["pdf"] }), { fileName: null })).toBe("no");
    expect(matches(block({ fileNameContains: "REPORT" }))).toBe("yes");
    expect(matches(block({ fileNameContains: "salary" }))).toBe("no");
    const big = block({ fileSizeAboveMb: 50 });
    expect(matches(big, { fileSizeBytes: 50 * MB + 1 })).toBe("yes");
    expect(matches(big, { fileSizeBytes: 50 * MB })).toBe("no");
    expect(matches(big, { fileSizeBytes: null })).toBe("no");
    expect(matches(big, { fileSizeBytes: undefined })).toBe("needs_size");
    // Another filter already failing: no need to wait for the size.
    expect(matches(block({ fileSizeAboveMb: 50, device: "managed" }), { fileSizeBytes: undefined })).toBe("no");
  });

  it("actions: the control type's default set, or the policy's own list; proxy_other never matches", () => {
    const download = block();
    expect(matches(download, { action: "proxy_view_page" })).toBe("no");
    expect(matches(download, { action: "proxy_export_space" })).toBe("yes");
    const activities = block({}, "block_activities");
    expect(matches(activities, { action: "proxy_download_archive" })).toBe("yes");
    expect(matches(activities, { action: "proxy_download_attachment" })).toBe("no");
    expect(matches(block({ actions: ["proxy_view_page"] }, "block_activities"), { action: "proxy_view_page" })).toBe("yes");
    expect(matches(audit(), { action: "proxy_sign_in" })).toBe("yes");
    expect(matches(audit(), { action: "proxy_other" })).toBe("no");
  });

  it("a monitor with file filters and no actions watches downloads and exports only (a page is not a file)", () => {
    const bigFiles = audit({ fileSizeAboveMb: 50 });
    expect(matches(bigFiles, { action: "proxy_view_page", fileName: null, fileSizeBytes: undefined })).toBe("no");
    expect(matches(bigFiles, { fileSizeBytes: undefined })).toBe("needs_size");
    expect(matches(bigFiles, { action: "proxy_export_space", fileSizeBytes: 60 * MB })).toBe("yes");
  });

  it("combines every filter with AND", () => {
    const p = block({ device: "unmanaged", ipTags: ["tor"], fileExtensions: ["pdf"], products: ["confluence"] });
    expect(matches(p, { ipTags: ["tor"] })).toBe("yes");
    expect(matches(p, { ipTags: ["tor"], deviceManaged: true })).toBe("no");
    expect(matches(p, { ipTags: ["tor"], fileName: "a.zip" })).toBe("no");
    expect(matches(p, { ipTags: ["tor"], product: "jira" })).toBe("no");
    expect(matches(p)).toBe("no");
  });
});

describe("evaluateSessionPolicies", () => {
  it("records every match in order; the first Block decides; Audit alone is audited; nothing matched is null", () => {
    const a1 = audit();
    const b1 = block({ device: "unmanaged" });
    const b2 = block();
    const decision = evaluateSessionPolicies([a1, b1, b2], facts());
    expect(decision.outcome).toBe("blocked");
    expect(decision.blockedBy?.id).toBe(b1.id);
    expect(decision.matched.map((p) => p.id)).toEqual([a1.id, b1.id, b2.id]);
    const audited = evaluateSessionPolicies([a1, b1], facts({ deviceManaged: true }));
    expect(audited).toMatchObject({ outcome: "audited", blockedBy: null, needsFileSize: false });
    expect(audited.matched.map((p) => p.id)).toEqual([a1.id]);
    expect(evaluateSessionPolicies([b1], facts({ deviceManaged: true }))).toEqual({ outcome: null, blockedBy: null, matched: [], needsFileSize: false });
    expect(evaluateSessionPolicies([], facts())).toEqual({ outcome: null, blockedBy: null, matched: [], needsFileSize: false });
  });

  it("the evaluation order is priority, then oldest first, then id", () => {
    const late = { ...block(), priority: 10, createdAt: "2026-12-02T00:00:00.000Z" };
    const early = { ...block(), priority: 10, createdAt: "2026-12-01T00:00:00.000Z" };
    const first = { ...block(), priority: 5, createdAt: "2026-12-03T00:00:00.000Z" };
    const sorted = [late, early, first].sort(compareSessionPolicies);
    expect(sorted.map((p) => p.id)).toEqual([first.id, early.id, late.id]);
    expect(evaluateSessionPolicies(sorted, facts()).blockedBy?.id).toBe(first.id);
    const twin = { ...early, id: "00000000-0000-4000-8000-000000000000" };
    expect([early, twin].sort(compareSessionPolicies)[0]?.id).toBe(twin.id);
  });

  it("needsFileSize while a size filter is undecided, and decides once the size is known", () => {
    const big = block({ fileSizeAboveMb: 50 });
    const pending = evaluateSessionPolicies([audit(), big], facts({ fileSizeBytes: undefined }));
    expect(pending).toMatchObject({ outcome: "audited", needsFileSize: true, blockedBy: null });
    expect(evaluateSessionPolicies([big], facts({ fileSizeBytes: 60 * MB }))).toMatchObject({ outcome: "blocked", needsFileSize: false });
    expect(evaluateSessionPolicies([big], facts({ fileSizeBytes: 10 * MB }))).toMatchObject({ outcome: null, needsFileSize: false });
  });

  it("the templates parse and do what they say", () => {
    const byKey = new Map(SESSION_POLICY_TEMPLATES.map((t) => [t.key, { ...t.policy, id: t.key, createdAt: "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T00:00:00.000Z" }]));
    const of = (key: string) => byKey.get(key) as TSessionPolicy;
    expect(matchSessionPolicy(of("block_downloads_unmanaged"), facts())).toBe("yes");
    expect(matchSessionPolicy(of("monitor_external_users"), facts({ action: "proxy_view_page", isExternal: true }))).toBe("yes");
    expect(matchSessionPolicy(of("block_exports_risky_ips"), facts({ action: "proxy_export_space", ipTags: ["tor"], ipCategory: "risky" }))).toBe("yes");
    expect(matchSessionPolicy(of("block_exports_risky_ips"), facts({ action: "proxy_download_attachment", ipTags: ["tor"] }))).toBe("no");
    expect(matchSessionPolicy(of("block_large_downloads_outside_corporate"), facts({ fileSizeBytes: 100 * MB }))).toBe("yes");
    expect(matchSessionPolicy(of("block_large_downloads_outside_corporate"), facts({ fileSizeBytes: 100 * MB, ipCategory: "corporate" }))).toBe("no");
  });
});

describe("ZCreateSessionPolicyInput rejects malformed policies, naming the field", () => {
  const pathsOf = (input: Record<string, unknown>) => {
    const result = ZCreateSessionPolicyInput.safeParse({ name: "x", controlType: "control_download", action: { kind: "block" }, ...input });
    return result.success ? [] : result.error.issues.map((i) => i.path);
  };

  it.each([
    ["monitor that blocks", { controlType: "monitor" }, ["action", "kind"]],
    ["unknown control type", { controlType: "allow" }, ["controlType"]],
    ["unknown action kind", { action: { kind: "quarantine" } }, ["action", "kind"]],
    ["bad extension", { filters: { fileExtensions: ["p d f"] } }, ["filters", "fileExtensions", 0]],
    ["bad country", { filters: { countries: ["GBR"] } }, ["filters", "countries", 0]],
    ["bad IP category", { filters: { ipCategories: ["evil"] } }, ["filters", "ipCategories", 0]],
    ["bad IP tag", { filters: { ipTags: ["Tor Exit"] } }, ["filters", "ipTags", 0]],
    ["size not above 0", { filters: { fileSizeAboveMb: 0 } }, ["filters", "fileSizeAboveMb"]],
    ["size not a number", { filters: { fileSizeAboveMb: "50" } }, ["filters", "fileSizeAboveMb"]],
    ["unknown filter", { filters: { colour: "red" } }, ["filters"]],
    ["download control naming a page view", { filters: { actions: ["proxy_view_page"] } }, ["filters", "actions"]],
    ["proxy_other as an action", { controlType: "block_activities", filters: { actions: ["proxy_other"] } }, ["filters", "actions", 0]],
    ["bad site", { filters: { sites: ["not a host"] } }, ["filters", "sites", 0]],
    ["empty name", { name: " " }, ["name"]],
    ["priority 0", { priority: 0 }, ["priority"]],
    ["alert without severity", { alert: { maxPerDay: 3 } }, ["alert", "severity"]],
    ["file filters on a monitor of page views", { controlType: "monitor", action: { kind: "audit" }, filters: { actions: ["proxy_view_page"], fileExtensions: ["pdf"] } }, ["filters"]],
    ["file filters on blocked page views", { controlType: "block_activities", filters: { actions: ["proxy_view_page"], fileSizeAboveMb: 5 } }, ["filters"]],
  ])("%s", (_label, input, path) => {
    expect(pathsOf(input)).toContainEqual(path);
  });

  it("accepts a well-formed policy and normalizes what it can", () => {
    const parsed = ZCreateSessionPolicyInput.parse({ name: " Big files ", controlType: "control_download", action: { kind: "block" }, filters: { fileExtensions: [".ZIP"], countries: ["gb"], sites: ["ACME.atlassian.net"] } });
    expect(parsed).toMatchObject({ name: "Big files", enabled: true, priority: 100, notifyUser: false, alert: null, filters: { fileExtensions: ["zip"], countries: ["GB"], sites: ["acme.atlassian.net"] } });
  });
});
