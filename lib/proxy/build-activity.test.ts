import { describe, expect, it } from "vitest";
import { buildProxyActivity, formatBytes, isDownloadAction, type TProxyRequestRecord } from "./build-activity";

const record: TProxyRequestRecord = {
  eventId: "proxy:1",
  time: new Date("2026-12-07T10:00:00Z"),
  connectorId: "c1",
  siteHost: "acme.atlassian.net",
  sessionId: "s1",
  account: null,
  device: { isManaged: false, subject: null, serial: null, issuer: null, problem: null },
  ip: "81.2.69.142",
  userAgent: "Mozilla/5.0",
  method: "GET",
  host: "acme.atlassian.net",
  path: "/wiki/download/attachments/42/report.pdf",
  status: 200,
  bytesSent: 1_258_291,
  contentType: "application/pdf",
  outcome: "completed",
};

describe("buildProxyActivity", () => {
  it("describes a download by an anonymous user on an unmanaged device", () => {
    const a = buildProxyActivity({ product: "confluence", action: "proxy_download_attachment", objectType: "page", objectId: "42", fileName: "report.pdf" }, record);
    expect(a).toMatchObject({
      actorId: "anonymous",
      actionName: "Downloaded attachment (session proxy)",
      product: "confluence",
      siteName: "acme.atlassian.net",
      targets: [{ type: "page", id: "42", name: null }, { type: "file", id: null, name: "report.pdf" }],
      targetName: "report.pdf",
      message: "Downloaded report.pdf (1.2 MB) from Confluence on an unmanaged device",
      raw: { sessionId: "s1", device: { managed: false, subject: null, serial: null }, status: 200, bytesSent: 1_258_291, outcome: "completed" },
    });
    expect(a.searchText).toContain("report.pdf");
    expect(a.isSystem).toBe(true);
  });

  it("names the user and the managed device, and says when the client gave up", () => {
    const a = buildProxyActivity(
      { product: "jira-software", action: "proxy_view_page", objectType: "issue", objectId: "ACME-1", objectName: "ACME-1" },
      { ...record, account: { id: "acc-1", email: "a@acme.test", name: "Ann" }, device: { isManaged: true, subject: "laptop-7", serial: "0A", issuer: "Acme CA", problem: null }, outcome: "aborted" },
    );
    expect(a).toMatchObject({ actorId: "acc-1", actorEmail: "a@acme.test", actorName: "Ann", message: "Viewed ACME-1 in Jira on a managed device (laptop-7) (aborted by the client)" });
    expect(a.searchText).toContain("ann");
    expect(a.isSystem).toBe(false);
  });

  it("records a session policy's block: outcome, policies in order, the file, and a message naming the policy", () => {
    const policy = (id: string, name: string, kind: "audit" | "block") =>
      ({ id, name, action: { kind }, priority: 1, createdAt: "", updatedAt: "", description: "", enabled: true, controlType: "control_download", filters: {}, notifyUser: false, alert: null }) as const;
    const audit = policy("p-audit", "Watch downloads", "audit");
    const block = policy("p-block", "No unmanaged downloads", "block");
    const file = { name: "report.pdf", sizeBytes: 1_258_291, contentType: "application/pdf" };
    const a = buildProxyActivity(
      { product: "confluence", action: "proxy_download_attachment", fileName: "report.pdf" },
      { ...record, outcome: "blocked", bytesSent: 300, decision: { outcome: "blocked", blockedBy: block, matched: [audit, block], needsFileSize: false }, file },
    );
    expect(a).toMatchObject({
      sessionOutcome: "blocked",
      sessionPolicyIds: ["p-audit", "p-block"],
      message: "Blocked download of report.pdf (policy No unmanaged downloads) from Confluence on an unmanaged device",
      raw: {
        outcome: "blocked",
        blockedBy: "p-block",
        policies: [{ id: "p-audit", name: "Watch downloads", action: "audit" }, { id: "p-block", name: "No unmanaged downloads", action: "block" }],
        file,
      },
    });
    const audited = buildProxyActivity({ product: "confluence", action: "proxy_view_page", objectName: "Home" }, { ...record, decision: { outcome: "audited", blockedBy: null, matched: [audit], needsFileSize: false } });
    expect(audited).toMatchObject({ sessionOutcome: "audited", sessionPolicyIds: ["p-audit"], raw: { outcome: "completed", blockedBy: null, file: null } });
    expect(audited.message).toBe("Viewed Home in Confluence on an unmanaged device (audited: policy Watch downloads)");
    expect(buildProxyActivity({ product: "confluence", action: "proxy_view_page" }, record)).toMatchObject({ sessionOutcome: null, sessionPolicyIds: [], raw: { policies: [], blockedBy: null } });
  });
});

describe("helpers", () => {
  it("counts downloads and exports, and formats sizes", () => {
    expect(isDownloadAction("proxy_export_space")).toBe(true);
    expect(isDownloadAction("proxy_view_page")).toBe(false);
    expect([formatBytes(512), formatBytes(2048), formatBytes(100 * 1024 * 1024)]).toEqual(["512 B", "2.0 KB", "100.0 MB"]);
  });
});
