import { describe, expect, it } from "vitest";
import { SESSION_POLICY_TEMPLATES, ZCreateSessionPolicyInput, ZSessionPolicyPreviewInput, ZUpdateSessionPolicyInput } from "../../../shared/schemas/session-policies";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import { listSessionPolicies } from "../../repositories/session-policy-repository";
import { getSessionPolicyOrThrow, listSessionPolicyDtos, listSessionPolicyTemplates } from "./get-session-policies";
import { previewSessionPolicy } from "./preview-session-policy";
import { createSessionPolicy, deleteSessionPolicyForActor, updateSessionPolicyForActor } from "./save-session-policy";
import { insertConnector, insertSessionRows, insertVerifiedDomain } from "./session-policy-test-rows";

const db = openTestDatabase();
const MB = 1024 * 1024;
const templateBody = (key: string) => {
  const template = SESSION_POLICY_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new Error(`no template ${key}`);
  return template.policy;
};

describe("session policies: create, change, delete", () => {
  it("creates one from each template in evaluation order, audits every change, and refuses a taken name with 409", async () => {
    const { principal } = await makeUser("admin");
    expect(listSessionPolicyTemplates().data.map((t) => t.title)).toEqual([
      "Block downloads to unmanaged devices",
      "Monitor external users",
      "Block exports from risky IPs",
      "Block downloads over 50 MB from outside corporate ranges",
    ]);
    for (const [i, template] of SESSION_POLICY_TEMPLATES.entries()) {
      await createSessionPolicy({ actor: principal, input: { ...template.policy, priority: 100 - i } });
    }
    const list = await listSessionPolicyDtos();
    expect(list.map((p) => p.name)).toEqual(SESSION_POLICY_TEMPLATES.map((t) => t.policy.name).reverse());
    expect(list[3]).toMatchObject({ controlType: "control_download", filters: { device: "unmanaged" }, action: { kind: "block" }, alert: { severity: "medium", maxPerDay: 20 } });
    // The proxy's read sees the same policies.
    expect((await listSessionPolicies()).map((p) => p.id)).toEqual(list.map((p) => p.id));

    await expect(createSessionPolicy({ actor: principal, input: templateBody("monitor_external_users") })).rejects.toMatchObject({ status: 409, invalidParams: [{ name: "name" }] });
    const audit = await db.query<{ action: string; target_type: string }>("SELECT action, target_type FROM audit_events ORDER BY id");
    expect(audit.rows).toEqual(Array.from({ length: 4 }, () => ({ action: "session_policy.created", target_type: "session_policy" })));
  });

  it("PATCH merges, then checks the whole policy: a 400 names the field of the merged result", async () => {
    const { principal } = await makeUser("admin");
    const created = await createSessionPolicy({ actor: principal, input: templateBody("block_downloads_unmanaged") });
    const renamed = await updateSessionPolicyForActor({ actor: principal, id: created.id, input: ZUpdateSessionPolicyInput.parse({ name: "Unmanaged downloads", enabled: false }) });
    expect(renamed).toMatchObject({ name: "Unmanaged downloads", enabled: false, controlType: "control_download", filters: { device: "unmanaged" }, action: { kind: "block" } });
    expect(renamed.createdAt).toBe(created.createdAt);

    // Monitor-only with the stored Block action is not a policy: refused on action.kind.
    await expect(updateSessionPolicyForActor({ actor: principal, id: created.id, input: { controlType: "monitor" } })).rejects.toMatchObject({
      status: 400,
      invalidParams: [{ name: "action.kind" }],
    });
    const alert = await updateSessionPolicyForActor({ actor: principal, id: created.id, input: ZUpdateSessionPolicyInput.parse({ alert: null, controlType: "monitor", action: { kind: "audit" } }) });
    expect(alert).toMatchObject({ controlType: "monitor", action: { kind: "audit" }, alert: null });

    await deleteSessionPolicyForActor({ actor: principal, id: created.id });
    await expect(getSessionPolicyOrThrow(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(deleteSessionPolicyForActor({ actor: principal, id: created.id })).rejects.toMatchObject({ status: 404 });
    const audit = await db.query<{ action: string; details: Record<string, unknown> }>("SELECT action, details FROM audit_events ORDER BY id");
    expect(audit.rows.map((r) => r.action)).toEqual(["session_policy.created", "session_policy.updated", "session_policy.updated", "session_policy.deleted"]);
    expect(audit.rows[1]?.details).toEqual({ name: "Unmanaged downloads", enabled: false });
  });

  it("refuses malformed policies at the schema, naming the field", () => {
    const bad = ZCreateSessionPolicyInput.safeParse({ name: "x", controlType: "control_download", filters: { fileSizeAboveMb: -1 }, action: { kind: "block" } });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["filters.fileSizeAboveMb"]);
  });
});

describe("session policies: preview over recorded session activity", () => {
  const preview = (key: string, days = 7) => previewSessionPolicy(ZSessionPolicyPreviewInput.parse({ policy: templateBody(key), days }), new Date());

  const seed = async () => {
    const connector = await insertConnector(db);
    await insertVerifiedDomain(db, connector, "acme.test");
    await insertSessionRows(db, connector, [
      // Unmanaged downloads: a 60 MB file from a home IP, a small one from the office.
      { action: "proxy_download_attachment", product: "jira", targetName: "dump.hprof", bytesSent: 60 * MB, ipCategory: null },
      { action: "proxy_download_attachment", product: "jira", targetName: "notes.txt", bytesSent: 10 * MB, ipCategory: "corporate" },
      // Managed device: never blocked by the unmanaged template.
      { action: "proxy_download_raw_file", product: "bitbucket", targetName: "big.iso", managed: true, fileSizeBytes: 80 * MB, bytesSent: 0, outcome: "aborted" },
      // An external user's page views, and an anonymous one.
      { action: "proxy_view_page", actorId: "acc-x", email: "guest@partner.example" },
      { action: "proxy_view_page", actorId: "acc-x", email: "guest@partner.example", time: new Date(Date.now() - 30_000) },
      { action: "proxy_view_page", isSystem: true, email: null },
      // A space export from Tor, and one from ten days ago.
      { action: "proxy_export_space", ipTags: ["tor"], targetName: "ENG", managed: true, outcome: "aborted" },
      { action: "proxy_export_space", ipTags: ["tor"], targetName: "OLD", time: new Date(Date.now() - 10 * 86_400_000) },
    ]);
  };

  it("counts what each template would have blocked or logged, with examples that say why", async () => {
    await seed();
    const unmanaged = await preview("block_downloads_unmanaged");
    // The two unmanaged attachment downloads; the unmanaged export of ten days ago is outside the 7 days.
    expect(unmanaged).toMatchObject({ days: 7, matchCount: 2, blockedCount: 2, auditedCount: 0, isCapped: false });
    expect(unmanaged.examples.map((e) => e.object)).toEqual(["notes.txt", "dump.hprof"]);
    expect(unmanaged.examples[0]).toMatchObject({ outcome: "blocked", user: { email: "ada@acme.test" }, why: "proxy_download_attachment; unmanaged device" });
    expect((await preview("block_downloads_unmanaged", 30)).matchCount).toBe(3);

    const external = await preview("monitor_external_users");
    expect(external).toMatchObject({ matchCount: 2, blockedCount: 0, auditedCount: 2 });
    expect(external.examples.every((e) => e.user.email === "guest@partner.example" && e.why.includes("external user guest@partner.example"))).toBe(true);

    const risky = await preview("block_exports_risky_ips");
    expect(risky).toMatchObject({ matchCount: 1, blockedCount: 1 });
    expect(risky.examples[0]).toMatchObject({ object: "ENG", why: "proxy_export_space; IP tagged tor" });

    // Over 50 MB outside corporate ranges: the 60 MB download by its bytes sent; the 80 MB file by its recorded size
    // (its download was aborted, so bytes sent say nothing).
    const large = await preview("block_large_downloads_outside_corporate");
    expect(large.examples.map((e) => e.object).sort()).toEqual(["big.iso", "dump.hprof"]);
    expect(large.examples.find((e) => e.object === "dump.hprof")?.why).toBe("proxy_download_attachment; IP 203.0.113.5 (no category); 60.0 MB > 50 MB");
    // The aborted export states no size: it cannot match a size filter, and the answer counts it.
    expect(large.unknownSizeCount).toBe(1);
  });

  it("reads only session activity, and an empty window answers zeros", async () => {
    expect(await preview("monitor_external_users")).toEqual({ days: 7, activitiesScanned: 0, isCapped: false, matchCount: 0, blockedCount: 0, auditedCount: 0, unknownSizeCount: 0, examples: [] });
  });
});
