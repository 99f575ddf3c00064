import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRunningSimulator } from "../start-simulator";
import { acmeDefinition, createClock, startWithAcme } from "../test-support";
import { fileBytes, fileSha256, siteCatalog, type TSiteFile } from "./catalog";
import { MEDIA_TOKEN_TTL_MS } from "./site-runtime";
import { signIn, siteRequest, type TSiteReply } from "./test-support";

// The sites over real HTTP: Node's http.request to 127.0.0.1 with the site's Host header.
const SITE = "acme.atlassian.net.localhost";
const MEDIA = "api.media.atlassian.com.localhost";
const clock = createClock();
const catalog = siteCatalog("acme");
let simulator: TRunningSimulator;
let port: string;
let cookie: string;

const definition = acmeDefinition({
  users: [
    ...(acmeDefinition().users ?? []),
    { accountId: "7d32ce0fa4027d44ee9f6017", name: "Sam Suspended", email: "sam@acme.com", status: "suspended" },
  ],
});
const get = (path: string, headers: Record<string, string> = { cookie }, host = SITE): Promise<TSiteReply> => siteRequest(simulator.baseUrl, host, path, { headers });
const file = (name: string): TSiteFile => catalog.files.find((candidate) => candidate.fileName === name) as TSiteFile;
const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");
const location = (reply: TSiteReply): URL => new URL(String(reply.headers.location));

beforeAll(async () => {
  simulator = await startWithAcme({ now: clock.now }, definition);
  port = new URL(simulator.baseUrl).port;
  cookie = await signIn(simulator.baseUrl, SITE, "ada@acme.com");
});
afterAll(() => simulator.close());

describe("dispatch by Host", () => {
  it("answers an unknown site with a 404 page and keeps the Admin API on 127.0.0.1", async () => {
    const unknown = await get("/", {}, "nobody.atlassian.net.localhost");
    expect([unknown.status, unknown.headers["content-type"]]).toEqual([404, "text/html; charset=utf-8"]);
    expect(unknown.body.toString()).toContain("nobody.atlassian.net");
    expect((await fetch(`${simulator.baseUrl}/admin/v1/orgs`)).status).toBe(401);
  });

  it("serves the site under its plain name too, pointing media at the plain media host", async () => {
    const page = await get(file("screenshot.png").redirectPath ?? "", { cookie: (await signInPlain()) }, "acme.atlassian.net");
    expect(location(page).host).toBe(`api.media.atlassian.com:${port}`);
  });
});

const signInPlain = () => signIn(simulator.baseUrl, "acme.atlassian.net", "bob@acme.io");

describe("sign-in", () => {
  it("redirects pages and downloads to /login with continue, and answers REST with 401 JSON", async () => {
    const page = await get("/wiki/spaces/ENG/overview?focus=1", {});
    expect(page.status).toBe(302);
    expect(String(page.headers.location)).toBe(`http://${SITE}:${port}/login?continue=${encodeURIComponent("/wiki/spaces/ENG/overview?focus=1")}`);
    expect((await get(file("runbook.docx").paths[0] ?? "", {})).status).toBe(302);
    for (const path of ["/gateway/api/me", "/rest/api/3/attachment/content/10101", "/wiki/rest/api/content/65601/child/attachment/att65701/download"]) {
      const rest = await get(path, {});
      expect([rest.status, rest.headers["content-type"]]).toEqual([401, "application/json; charset=utf-8"]);
    }
  });

  it("shows a form with Email, Password, Log in and the continue path", async () => {
    const form = (await get("/login?continue=%2Fbrowse%2FSEC-1", {})).body.toString();
    expect(form).toContain('<label for="email">Email</label>');
    expect(form).toContain('<label for="password">Password</label>');
    expect(form).toContain('<button type="submit">Log in</button>');
    expect(form).toContain('name="continue" value="/browse/SEC-1"');
    expect(form).toContain(`action="http://${SITE}:${port}/login"`);
  });

  const post = (fields: Record<string, string>) =>
    siteRequest(simulator.baseUrl, SITE, "/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });

  it("sets the session cookie for the host and redirects (303) to a same-host continue only", async () => {
    const ok = await post({ email: "Ada@Acme.com", password: "atlassian", continue: "/browse/SEC-1" });
    expect(ok.status).toBe(303);
    expect(String(ok.headers.location)).toBe(`http://${SITE}:${port}/browse/SEC-1`);
    expect(String(ok.headers["set-cookie"])).toMatch(new RegExp(`^cloud\\.session\\.token=[\\w-]{20,}; Domain=${SITE.replace(/\./g, "\\.")}; Path=/; HttpOnly; SameSite=Lax$`));
    for (const target of ["https://evil.example/", "//evil.example/x", `http://other.atlassian.net.localhost:${port}/x`]) {
      const reply = await post({ email: "ada@acme.com", password: "atlassian", continue: target });
      expect(String(reply.headers.location)).toBe(`http://${SITE}:${port}/`);
    }
    const absolute = await post({ email: "ada@acme.com", password: "atlassian", continue: `http://${SITE}:${port}/wiki/spaces/HR/overview` });
    expect(String(absolute.headers.location)).toBe(`http://${SITE}:${port}/wiki/spaces/HR/overview`);
  });

  it("re-renders the form with an error for a wrong password or unknown user; 403 for a suspended user; 400 for a bad body", async () => {
    for (const fields of [{ email: "ada@acme.com", password: "nope" }, { email: "nobody@acme.com", password: "atlassian" }]) {
      const reply = await post(fields);
      expect(reply.status).toBe(401);
      expect(reply.body.toString()).toContain("Incorrect email address and / or password.");
      expect(reply.headers["set-cookie"]).toBeUndefined();
    }
    const suspended = await post({ email: "sam@acme.com", password: "atlassian" });
    expect(suspended.status).toBe(403);
    expect(suspended.body.toString()).toContain("suspended");
    const json = await siteRequest(simulator.baseUrl, SITE, "/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(json.status).toBe(400);
  });

  it("answers /gateway/api/me with the signed-in account, and logout ends the session", async () => {
    const me = await get("/gateway/api/me");
    expect(JSON.parse(me.body.toString())).toEqual({
      account_id: "5b10ac8d82e05b22cc7d4ef5",
      email: "ada@acme.com",
      name: "Ada Lovelace",
      account_type: "atlassian",
      account_status: "active",
    });
    const other = await signIn(simulator.baseUrl, SITE, "ada@acme.com");
    const out = await get("/logout", { cookie: other });
    expect(out.status).toBe(302);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    expect((await get("/gateway/api/me", { cookie: other })).status).toBe(401);
    expect((await get("/gateway/api/me")).status).toBe(200);
  });
});

describe("pages", () => {
  it("use absolute URLs to their own host and the media host, a config script and /s/app.js", async () => {
    const html = (await get("/browse/SEC-1")).body.toString();
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.replace(/&amp;/g, "&")).toMatch(new RegExp(`^http://(${SITE}|${MEDIA}):${port}/`));
    expect(urls.some((url) => url.startsWith(`http://${MEDIA}:${port}/file/`))).toBe(true);
    expect(html).toContain('<span id="user-name">Ada Lovelace</span>');
    expect(html).toContain(`"baseUrl":"http://${SITE}:${port}","mediaBaseUrl":"http://${MEDIA}:${port}"`);
    expect(html).toContain('link.id = "js-built-link"');
    expect(html).toContain("new URL(");
    const script = await get("/s/app.js", {});
    expect(script.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(script.body.toString()).toContain(`"http://${SITE}:${port}"`);
    expect(script.body.toString()).toContain('"/gateway/api/me"');
  });

  it("serves every catalogued page, the large one at ~50 KB", async () => {
    for (const page of catalog.pages) expect([page.path, (await get(page.path)).status]).toEqual([page.path, 200]);
    const large = await get(catalog.largePage.path);
    expect(large.body.length).toBeGreaterThan(40_000);
    expect(large.body.length).toBeLessThan(64_000);
    expect((await get("/wiki/spaces/ENG/pages/999/Nope")).status).toBe(404);
  });
});

describe("files", () => {
  it("serve the same bytes from the direct URL and the Confluence REST redirect", async () => {
    const attachment = file("threat-model.pdf");
    const direct = await get(attachment.paths[0] ?? "");
    expect(direct.status).toBe(200);
    expect(direct.headers).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(attachment.size),
      "accept-ranges": "bytes",
      "content-disposition": `attachment; filename="threat-model.pdf"; filename*=UTF-8''threat-model.pdf`,
    });
    const rest = await get(attachment.redirectPath ?? "");
    expect(rest.status).toBe(302);
    expect(location(rest).host).toBe(`${SITE}:${port}`);
    const viaRest = await get(`${location(rest).pathname}${location(rest).search}`);
    expect(sha256(viaRest.body)).toBe(sha256(direct.body));
    expect(sha256(direct.body)).toBe(fileSha256(attachment));
  });

  it("serve a Jira attachment directly and through the media host; a bad or expired token gets 403", async () => {
    const attachment = file("build-log.txt");
    const direct = await get(attachment.paths[0] ?? "");
    const rest = await get(attachment.redirectPath ?? "");
    expect(rest.status).toBe(302);
    const media = location(rest);
    expect([media.host, media.pathname, media.searchParams.get("name")]).toEqual([`${MEDIA}:${port}`, `/file/${attachment.mediaId}/binary`, "build-log.txt"]);
    const viaMedia = await get(`${media.pathname}${media.search}`, {}, MEDIA);
    expect([viaMedia.status, sha256(viaMedia.body)]).toEqual([200, sha256(direct.body)]);
    expect(sha256(direct.body)).toBe(fileSha256(attachment));
    const forged = new URLSearchParams(media.search);
    forged.set("token", `${forged.get("token") ?? ""}x`);
    expect((await get(`${media.pathname}?${forged.toString()}`, {}, MEDIA)).status).toBe(403);
    const otherFile = file("screenshot.png").mediaId ?? "";
    expect((await get(`/file/${otherFile}/binary${media.search}`, {}, MEDIA)).status).toBe(403);
    clock.advance(MEDIA_TOKEN_TTL_MS + 1);
    expect((await get(`${media.pathname}${media.search}`, {}, MEDIA)).status).toBe(403);
  });

  it("answer a single Range with 206 and Content-Range, and past the end with 416", async () => {
    const attachment = file("customer-export.xlsx");
    const path = attachment.paths[0] ?? "";
    const partial = await get(path, { cookie, range: "bytes=1000000-1065535" });
    expect(partial.status).toBe(206);
    expect(partial.headers["content-range"]).toBe(`bytes 1000000-1065535/${attachment.size}`);
    expect(partial.body).toEqual(fileBytes(attachment, 1_000_000, 1_065_535));
    const tail = await get(path, { cookie, range: "bytes=-10" });
    expect([tail.status, tail.body]).toEqual([206, fileBytes(attachment, attachment.size - 10, attachment.size - 1)]);
    const beyond = await get(path, { cookie, range: `bytes=${attachment.size}-` });
    expect([beyond.status, beyond.headers["content-range"]]).toEqual([416, `bytes */${attachment.size}`]);
  });

  it("stream the 100 MB file with its full length without memory jumping", async () => {
    const attachment = file("db-backup-100mb.tar.gz");
    const before = process.memoryUsage().rss;
    let peak = before;
    let received = 0;
    const hash = createHash("sha256");
    const reply = await siteRequest(simulator.baseUrl, SITE, attachment.paths[0] ?? "", {
      headers: { cookie },
      onChunk: (chunk) => {
        received += chunk.length;
        hash.update(chunk);
        if (received % (8 * 1024 * 1024) < chunk.length) peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    expect([reply.status, reply.headers["content-length"], received]).toEqual([200, String(100 * 1024 * 1024), 100 * 1024 * 1024]);
    expect(hash.digest("hex")).toBe(fileSha256(attachment));
    expect(peak - before).toBeLessThan(60 * 1024 * 1024);
  });

  it("export a page to PDF, a space to zip, a filter to CSV; Bitbucket archives and raw files", async () => {
    const pdf = await get("/wiki/spaces/flyingpdf/pdfpageexport.action?pageId=65601");
    expect([pdf.status, pdf.headers["content-type"], pdf.body.subarray(0, 5).toString()]).toEqual([200, "application/pdf", "%PDF-"]);
    expect(String(pdf.headers["content-disposition"])).toMatch(/^attachment; filename="Architecture overview\.pdf"/);
    const space = await get("/wiki/spaces/ENG/export?format=xml");
    expect([space.status, space.headers["content-type"], space.body.subarray(0, 2).toString()]).toEqual([200, "application/zip", "PK"]);
    const csv = await get("/sr/jira.issueviews:searchrequest-csv-all-fields/10200/SearchRequest-10200.csv");
    expect([csv.status, csv.headers["content-type"]]).toEqual([200, "text/csv"]);
    const temp = await get("/sr/jira.issueviews:searchrequest-csv-all-fields/temp/SearchRequest.csv?jqlQuery=project%3DSEC");
    expect(temp.body).toEqual(csv.body);
    const repo = catalog.bitbucket.repos[0];
    const archive = await get(`/acme/platform/get/main.zip`);
    expect([archive.status, sha256(archive.body)]).toEqual([200, fileSha256(repo?.archives[0] as TSiteFile)]);
    expect((await get(`/acme/platform/get/${repo?.commit ?? ""}.zip`)).body).toEqual(archive.body);
    const raw = await get(`/acme/platform/raw/${repo?.commit ?? ""}/src/auth/session.ts`);
    expect([raw.status, raw.body.toString()]).toEqual([200, expect.stringContaining("SESSION_TTL_MS")]);
    expect((await get("/globex/platform/get/main.zip")).status).toBe(404);
  });
});

describe("site definitions", () => {
  it("serve only the products a site has; a deactivated user's session stops working", async () => {
    const response = await fetch(`${simulator.baseUrl}/__sim/orgs`, {
      method: "POST",
      body: JSON.stringify({
        id: "globex",
        name: "Globex Corporation",
        apiKeys: [{ key: "globex-key-0001" }],
        domains: [{ name: "globex.example", status: "verified" }],
        users: [{ accountId: "g-1", name: "Hank Scorpio", email: "hank@globex.example" }],
        sites: [{ name: "globex-wiki", products: ["confluence"] }],
      }),
    });
    expect(response.status).toBe(201);
    const host = "globex-wiki.atlassian.net.localhost";
    const globex = await signIn(simulator.baseUrl, host, "hank@globex.example");
    expect((await get("/wiki/spaces/ENG/overview", { cookie: globex }, host)).status).toBe(200);
    expect((await get("/browse/SEC-1", { cookie: globex }, host)).status).toBe(404);
    expect((await get("/globex-wiki/platform", { cookie: globex }, host)).status).toBe(404);
    const disable = await fetch(`${simulator.baseUrl}/users/g-1/manage/lifecycle/disable`, { method: "POST", headers: { Authorization: "Bearer globex-key-0001" } });
    expect(disable.status).toBe(204);
    expect((await get("/gateway/api/me", { cookie: globex }, host)).status).toBe(401);
  });
});
