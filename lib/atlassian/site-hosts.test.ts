import { describe, expect, it } from "vitest";
import type { TWorkspace } from "./schemas/workspaces";
import { groupWorkspacesBySite, SITE_HOST_PATTERN } from "./site-hosts";

const ws = (id: string, typeKey: string, hostUrl?: string): TWorkspace => ({ id, type: "workspaces", attributes: { name: id, typeKey, ...(hostUrl ? { hostUrl } : {}) } });

describe("groupWorkspacesBySite", () => {
  it("groups the products of each atlassian.net host and skips Bitbucket", () => {
    const { sites, refused } = groupWorkspacesBySite([
      ws("1", "jira-software", "https://acme.atlassian.net"),
      ws("2", "confluence", "https://ACME.atlassian.net/"),
      ws("3", "bitbucket", "https://bitbucket.org/acme"),
      ws("4", "confluence", "https://acme-eu.atlassian.net"),
      ws("5", "jira-software", "https://acme.atlassian.net"),
    ]);
    expect(sites).toEqual([
      { host: "acme-eu.atlassian.net", name: "acme-eu", products: ["confluence"] },
      { host: "acme.atlassian.net", name: "acme", products: ["confluence", "jira-software"] },
    ]);
    expect(refused).toEqual([]);
  });

  it("refuses every host the proxy must never be pointed at", () => {
    const bad = [
      "https://evil.example.com",
      "https://acme.atlassian.net.evil.example",
      "https://a.b.atlassian.net",
      "https://acme.atlassian.net:8443",
      "http://acme.atlassian.net",
      "https://user:pw@acme.atlassian.net",
      "https://-acme.atlassian.net",
      "not a url",
    ];
    const { sites, refused } = groupWorkspacesBySite(bad.map((url, i) => ws(String(i), "confluence", url)));
    expect(sites).toEqual([]);
    expect(refused).toEqual(bad);
  });

  it("matches the documented host pattern", () => {
    expect(SITE_HOST_PATTERN.test("acme.atlassian.net")).toBe(true);
    expect(SITE_HOST_PATTERN.test(`${"a".repeat(64)}.atlassian.net`)).toBe(false);
  });
});
