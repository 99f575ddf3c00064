import { describe, expect, it } from "vitest";
import { siteCatalog } from "../simulator/sites/catalog";
import { classifyRequest, type TClassification } from "./classify";

/** Classifies a URL as a browser would request it; the host decides the host kind. */
const classify = (url: string, method = "GET"): TClassification => {
  const parsed = new URL(url);
  const hostKind = parsed.hostname.startsWith("api.media.atlassian.com") ? "media" : "site";
  return classifyRequest({ method, hostKind, pathname: parsed.pathname, search: parsed.searchParams });
};

// URL shapes from Atlassian's public docs and real browser traffic, then the simulator's own URLs.
describe("classifyRequest: Confluence", () => {
  it("attachment downloads, direct (with the version query) and through REST", () => {
    expect(classify("https://acme.atlassian.net/wiki/download/attachments/123456/report.pdf?version=1&modificationDate=1700000000000&api=v2")).toEqual({
      product: "confluence",
      action: "proxy_download_attachment",
      objectType: "page",
      objectId: "123456",
      fileName: "report.pdf",
    });
    expect(classify("https://acme.atlassian.net/wiki/download/attachments/98765/Q3%20budget%20(final).xlsx").fileName).toBe("Q3 budget (final).xlsx");
    expect(classify("https://acme.atlassian.net/wiki/rest/api/content/123456/child/attachment/att789/download")).toEqual({
      product: "confluence",
      action: "proxy_download_attachment",
      objectType: "page",
      objectId: "123456",
      objectName: "att789",
    });
  });

  it("page and space exports", () => {
    expect(classify("https://acme.atlassian.net/wiki/spaces/flyingpdf/pdfpageexport.action?pageId=123")).toEqual({
      product: "confluence",
      action: "proxy_export_page",
      objectType: "page",
      objectId: "123",
    });
    expect(classify("https://acme.atlassian.net/wiki/exportword?pageId=123").action).toBe("proxy_export_page");
    expect(classify("https://acme.atlassian.net/wiki/spaces/ENG/export?format=xml")).toEqual({ product: "confluence", action: "proxy_export_space", objectType: "space", objectId: "ENG" });
    expect(classify("https://acme.atlassian.net/wiki/spaces/doexportspace.action?key=ENG", "POST")).toMatchObject({ action: "proxy_export_space", objectId: "ENG" });
    expect(classify("https://acme.atlassian.net/wiki/download/temp/filestore/Confluence-space-export-114017-61.xml.zip")).toMatchObject({
      action: "proxy_export_space",
      fileName: "Confluence-space-export-114017-61.xml.zip",
    });
  });

  it("page views: pages with titles, spaces, viewpage.action, tiny links", () => {
    expect(classify("https://acme.atlassian.net/wiki/spaces/ENG/pages/65601/Architecture+overview")).toEqual({
      product: "confluence",
      action: "proxy_view_page",
      objectType: "page",
      objectId: "65601",
      objectName: "Architecture overview",
    });
    expect(classify("https://acme.atlassian.net/wiki/spaces/ENG/pages/65601").objectId).toBe("65601");
    expect(classify("https://acme.atlassian.net/wiki/spaces/ENG/overview?homepageId=1")).toMatchObject({ action: "proxy_view_page", objectType: "space", objectId: "ENG" });
    expect(classify("https://acme.atlassian.net/wiki/pages/viewpage.action?pageId=42")).toMatchObject({ action: "proxy_view_page", objectId: "42" });
    expect(classify("https://acme.atlassian.net/wiki/x/AYBG")).toMatchObject({ action: "proxy_view_page", objectType: "page" });
  });

  it("API reads, thumbnails and page edits are other", () => {
    expect(classify("https://acme.atlassian.net/wiki/rest/api/content/123?expand=body.storage")).toEqual({ product: "confluence", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/wiki/api/v2/pages/123")).toEqual({ product: "confluence", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/wiki/download/thumbnails/123/a.png").action).toBe("proxy_other");
    expect(classify("https://acme.atlassian.net/wiki/spaces/ENG/pages/65601/Title", "PUT").action).toBe("proxy_other");
  });
});

describe("classifyRequest: Jira", () => {
  it("attachments, direct and through REST", () => {
    expect(classify("https://acme.atlassian.net/secure/attachment/10001/report.xlsx")).toEqual({
      product: "jira-software",
      action: "proxy_download_attachment",
      objectType: "attachment",
      objectId: "10001",
      fileName: "report.xlsx",
    });
    expect(classify("https://acme.atlassian.net/rest/api/3/attachment/content/10001?redirect=true")).toEqual({
      product: "jira-software",
      action: "proxy_download_attachment",
      objectType: "attachment",
      objectId: "10001",
    });
    expect(classify("https://acme.atlassian.net/rest/api/2/attachment/content/10001").action).toBe("proxy_download_attachment");
    expect(classify("https://acme.atlassian.net/rest/api/3/attachment/thumbnail/10001").action).toBe("proxy_other");
  });

  it("issue exports: filter CSV (saved and temporary), Excel, single-issue XML", () => {
    expect(classify("https://acme.atlassian.net/sr/jira.issueviews:searchrequest-csv-all-fields/temp/SearchRequest.csv?jqlQuery=project+%3D+SEC&delimiter=,")).toEqual({
      product: "jira-software",
      action: "proxy_export_issues",
      objectType: "filter",
      objectId: "temp",
      objectName: "project = SEC",
      fileName: "SearchRequest.csv",
    });
    expect(classify("https://acme.atlassian.net/sr/jira.issueviews:searchrequest-csv-all-fields/10200/SearchRequest-10200.csv")).toMatchObject({
      objectId: "10200",
      fileName: "SearchRequest-10200.csv",
    });
    expect(classify("https://acme.atlassian.net/sr/jira.issueviews:searchrequest-excel-current-fields/temp/SearchRequest.xls?jqlQuery=").action).toBe("proxy_export_issues");
    expect(classify("https://acme.atlassian.net/si/jira.issueviews:issue-xml/SEC-1/SEC-1.xml")).toMatchObject({ action: "proxy_export_issues", objectType: "issue", objectId: "SEC-1" });
  });

  it("issue and project views", () => {
    expect(classify("https://acme.atlassian.net/browse/SEC-1")).toEqual({ product: "jira-software", action: "proxy_view_page", objectType: "issue", objectId: "SEC-1", objectName: "SEC-1" });
    expect(classify("https://acme.atlassian.net/browse/SEC")).toMatchObject({ action: "proxy_view_page", objectType: "project", objectId: "SEC" });
    expect(classify("https://acme.atlassian.net/jira/software/projects/SEC/boards/1")).toMatchObject({ action: "proxy_view_page", objectType: "project", objectId: "SEC" });
    expect(classify("https://acme.atlassian.net/rest/api/3/search/jql?jql=project%3DSEC")).toEqual({ product: "jira-software", action: "proxy_other" });
  });
});

describe("classifyRequest: Bitbucket", () => {
  it("archives and raw files", () => {
    expect(classify("https://bitbucket.org/ws/repo/get/main.zip")).toEqual({
      product: "bitbucket",
      action: "proxy_download_archive",
      objectType: "repository",
      objectId: "ws/repo",
      objectName: "repo",
      fileName: "main.zip",
    });
    expect(classify("https://bitbucket.org/ws/repo/get/v1.2.0.tar.gz").fileName).toBe("v1.2.0.tar.gz");
    expect(classify("https://bitbucket.org/ws/repo/raw/abc123/src/a.ts")).toEqual({
      product: "bitbucket",
      action: "proxy_download_raw_file",
      objectType: "repository",
      objectId: "ws/repo",
      objectName: "repo",
      fileName: "src/a.ts",
    });
  });

  it("repository pages, but not Atlassian's own two-segment paths", () => {
    expect(classify("https://bitbucket.org/ws/repo/src/main/")).toMatchObject({ product: "bitbucket", action: "proxy_view_page", objectId: "ws/repo" });
    expect(classify("https://acme.atlassian.net/acme/platform")).toMatchObject({ product: "bitbucket", action: "proxy_view_page" });
    expect(classify("https://acme.atlassian.net/s/app.js")).toEqual({ product: "atlassian", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/wiki/home")).toEqual({ product: "confluence", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/gateway/api/me")).toEqual({ product: "atlassian", action: "proxy_other" });
  });
});

describe("classifyRequest: sign-in, media host and the rest", () => {
  it("sign-in is the POST of the form; the form itself and logout are other", () => {
    expect(classify("https://acme.atlassian.net/login", "POST")).toEqual({ product: "atlassian", action: "proxy_sign_in" });
    expect(classify("https://acme.atlassian.net/login?continue=%2Fbrowse%2FSEC-1")).toEqual({ product: "atlassian", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/logout")).toEqual({ product: "atlassian", action: "proxy_other" });
    expect(classify("https://acme.atlassian.net/")).toEqual({ product: "atlassian", action: "proxy_view_page", objectType: "site" });
  });

  it("media host binaries are attachment downloads named by `name`; images and other paths are other", () => {
    const media = "https://api.media.atlassian.com/file/7f3c1c9e-8a1b-4c52-9a8c-0d6b0f2d1e11";
    expect(classify(`${media}/binary?token=eyJhbGciOi.x.y&client=abc&name=report.pdf&dl=true`)).toEqual({
      product: "atlassian",
      action: "proxy_download_attachment",
      objectType: "media_file",
      objectId: "7f3c1c9e-8a1b-4c52-9a8c-0d6b0f2d1e11",
      fileName: "report.pdf",
    });
    expect(classify(`${media}/image?width=200`).action).toBe("proxy_other");
    expect(classify(`${media}/binary`, "HEAD").action).toBe("proxy_other");
  });

  it("a HEAD moves no content; malformed escapes do not throw", () => {
    expect(classify("https://acme.atlassian.net/secure/attachment/10001/report.xlsx", "HEAD").action).toBe("proxy_other");
    expect(classifyRequest({ method: "GET", hostKind: "site", pathname: "/secure/attachment/1/%E0%A4%A.txt", search: new URLSearchParams() }).fileName).toBe("%E0%A4%A.txt");
  });
});

describe("classifyRequest: the simulator's own URLs", () => {
  it("classifies every catalogued page and file of a simulated site", () => {
    const catalog = siteCatalog("acme");
    const base = "http://acme.atlassian.net.localhost:5100";
    for (const page of catalog.pages) expect([page.path, classify(`${base}${page.path}`).action]).toEqual([page.path, "proxy_view_page"]);
    const expected: Record<string, string> = {
      "confluence-attachment": "proxy_download_attachment",
      "confluence-pdf": "proxy_export_page",
      "confluence-space-export": "proxy_export_space",
      "jira-attachment": "proxy_download_attachment",
      "jira-filter-csv": "proxy_export_issues",
      "bitbucket-raw": "proxy_download_raw_file",
      "bitbucket-archive": "proxy_download_archive",
    };
    for (const file of catalog.files) {
      for (const path of [...file.paths, ...(file.redirectPath ? [file.redirectPath] : [])]) {
        const result = classify(`${base}${path}`);
        expect([path, result.action, result.product]).toEqual([path, expected[file.id.split(":")[0] ?? ""], file.product]);
      }
    }
    const jira = catalog.files.find((file) => file.mediaId);
    expect(classify(`http://api.media.atlassian.com.localhost:5100/file/${jira?.mediaId ?? ""}/binary?token=t&name=${jira?.fileName ?? ""}`)).toMatchObject({
      action: "proxy_download_attachment",
      fileName: jira?.fileName,
    });
  });
});
