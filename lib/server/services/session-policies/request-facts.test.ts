import { describe, expect, it } from "vitest";
import { EMPTY_DIRECTORY, type TDirectoryLookup } from "../../../detection/policy-config";
import { evaluateSessionPolicies } from "../../../proxy/session-policies/evaluate";
import { SESSION_POLICY_TEMPLATES, type TSessionPolicy } from "../../../shared/schemas/session-policies";
import type { TStoredSessionRequest } from "../../repositories/session-activity-repository";
import { explainMatch, factsOfStoredRequest, isExternalEmail } from "./request-facts";

const MB = 1024 * 1024;
const row = (patch: Partial<TStoredSessionRequest> = {}): TStoredSessionRequest => ({
  seq: "1", id: "1", time: "2026-12-07T10:00:00.000Z", connectorId: "c1", action: "proxy_download_attachment", actionName: null, product: "jira",
  siteName: "acme.atlassian.net", actorId: "acc-1", actorName: "Ada", actorEmail: "ada@acme.test", isSystem: false, targetName: "dump.hprof",
  ip: "203.0.113.5", ipCategory: null, ipTags: [], countryCode: "GB", sessionOutcome: null,
  raw: { device: { managed: false }, userAgent: "Mozilla/5.0", bytesSent: 60 * MB, outcome: "completed" },
  ...patch,
});
const domains = new Set(["acme.test"]);
const context = { directory: EMPTY_DIRECTORY, verifiedDomainsOf: () => domains };
const templatePolicy = (key: string): TSessionPolicy => {
  const t = SESSION_POLICY_TEMPLATES.find((x) => x.key === key)!;
  return { ...t.policy, id: key, createdAt: "2026-12-01T00:00:00.000Z", updatedAt: "2026-12-01T00:00:00.000Z" };
};

describe("session request facts from a stored activity", () => {
  it("tells external accounts by the org's verified domains (and subdomains); an org without domains has none", () => {
    expect(isExternalEmail("guest@partner.example", domains)).toBe(true);
    expect(isExternalEmail("ada@ACME.test", domains)).toBe(false);
    expect(isExternalEmail("bob@eu.acme.test", domains)).toBe(false);
    expect(isExternalEmail("eve@notacme.test", domains)).toBe(true);
    expect(isExternalEmail("guest@partner.example", new Set())).toBe(false);
    expect(isExternalEmail(null, domains)).toBe(false);
  });

  it("rebuilds device, person, network and file facts; anonymous requests name nobody", () => {
    const admins: TDirectoryLookup = { isOrgAdmin: (_c, id) => id === "acc-1", groupsOf: (_c, id) => (id === "acc-1" ? ["org-admins", "eng"] : []) };
    expect(factsOfStoredRequest(row({ raw: { device: { managed: true, issuer: "CN=Acme Device CA" }, userAgent: "curl/8", bytesSent: 10, outcome: "completed" } }), { ...context, directory: admins })).toMatchObject({
      accountId: "acc-1", email: "ada@acme.test", isAdmin: true, isExternal: false, groups: ["org-admins", "eng"], deviceManaged: true,
      certificateIssuer: "CN=Acme Device CA", userAgent: "curl/8", fileName: "dump.hprof", fileSizeBytes: 10, siteHost: "acme.atlassian.net",
    });
    expect(factsOfStoredRequest(row({ isSystem: true, actorId: "anonymous", actorEmail: null }), context)).toMatchObject({ accountId: null, email: null, isAdmin: false, groups: [] });
    expect(factsOfStoredRequest(row({ action: "user_login" }), context)).toBeNull();
  });

  it("takes the file size from the recorded size, else from a completed unblocked download's bytes sent", () => {
    const size = (patch: Partial<TStoredSessionRequest>) => factsOfStoredRequest(row(patch), context)?.fileSizeBytes;
    expect(size({})).toBe(60 * MB);
    expect(size({ raw: { file: { name: "big.iso", sizeBytes: 80 * MB }, bytesSent: 0, outcome: "aborted" } })).toBe(80 * MB);
    expect(size({ raw: { bytesSent: 60 * MB, outcome: "aborted" } })).toBeNull();
    // A blocked download sent the notice, not the file.
    expect(size({ sessionOutcome: "blocked" })).toBeNull();
    expect(size({ action: "proxy_view_page" })).toBeNull();
  });

  it("feeds the proxy's evaluator: the templates decide as the proxy would, and say why", () => {
    const unmanaged = templatePolicy("block_downloads_unmanaged");
    const facts = factsOfStoredRequest(row(), context)!;
    expect(evaluateSessionPolicies([unmanaged], facts).outcome).toBe("blocked");
    expect(explainMatch(unmanaged, facts)).toBe("proxy_download_attachment; unmanaged device");
    const large = templatePolicy("block_large_downloads_outside_corporate");
    expect(evaluateSessionPolicies([large], facts).outcome).toBe("blocked");
    expect(explainMatch(large, facts)).toBe("proxy_download_attachment; IP 203.0.113.5 (no category); 60.0 MB > 50 MB");
    expect(evaluateSessionPolicies([large], factsOfStoredRequest(row({ ipCategory: "corporate" }), context)!).outcome).toBeNull();
    const external = templatePolicy("monitor_external_users");
    expect(evaluateSessionPolicies([external], factsOfStoredRequest(row({ action: "proxy_view_page", actorEmail: "guest@partner.example" }), context)!).outcome).toBe("audited");
    expect(evaluateSessionPolicies([external], facts).outcome).toBeNull();
  });
});
