import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../server/db";
import { SESSION_POLICY_TEMPLATES, type TCreateSessionPolicyInput } from "../shared/schemas/session-policies";
import { fileSha256, siteCatalog } from "../simulator/sites/catalog";
import { SIMULATED_PASSWORD } from "../simulator/sites/credentials";
import { acmeDefinition, startWithAcme } from "../simulator/test-support";
import type { TRunningSimulator } from "../simulator/start-simulator";
import { startSessionProxy, type TRunningSessionProxy } from "./start-proxy";
import { cookiesOf, createDeviceCa, proxyRequest, type TClientCert, type TResponse } from "./testing/client";
import { insertProtectedSite, PROXY_DOMAIN, waitFor } from "./testing/setup";

// Issue 22 against real Postgres, the simulated Acme site and the proxy: what a policy blocks never reaches the
// browser, what it audits passes, and the activity says which policy decided.
const SITE = "acme";
const HOST = `${SITE}.atlassian.net.${PROXY_DOMAIN}`;
const TOR_IP = "185.220.101.7";
const MB = 1024 * 1024;
const catalog = siteCatalog(SITE);
const fileNamed = (name: string) => {
  const file = catalog.files.find((f) => f.fileName === name);
  if (!file?.paths[0]) throw new Error(`no ${name} in the catalogue`);
  return { ...file, path: file.paths[0] };
};
const pdf = fileNamed("threat-model.pdf");
const backup = fileNamed("db-backup-100mb.tar.gz");

const deviceCa = createDeviceCa("Acme device CA");
const laptop = deviceCa.issue("laptop-policies");
let sim: TRunningSimulator;
let proxy: TRunningSessionProxy;
let trustingProxy: TRunningSessionProxy;
let connectorId: string;
let orgName: string;

const template = (key: string): TCreateSessionPolicyInput => {
  const found = SESSION_POLICY_TEMPLATES.find((t) => t.key === key);
  if (!found) throw new Error(key);
  return found.policy;
};

/** A stored policy (as the portal saves it); the proxy sees it within its 1 s refresh. */
const savePolicy = async (policy: TCreateSessionPolicyInput) => {
  const row = await getDb().sessionPolicy.create({
    data: { name: policy.name, priority: policy.priority, controlType: policy.controlType, filters: policy.filters, action: policy.action, enabled: policy.enabled },
  });
  await new Promise((r) => setTimeout(r, 1_300));
  return row.id;
};

type TSignedIn = Readonly<{ cookie: string; clientCert?: TClientCert }>;

const signIn = async (email: string, clientCert?: TClientCert, port = proxy.port): Promise<TSignedIn> => {
  const posted = await proxyRequest(port, HOST, "/login", {
    method: "POST",
    clientCert,
    body: new URLSearchParams({ email, password: SIMULATED_PASSWORD, continue: "/" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(posted.status).toBe(303);
  return { cookie: cookiesOf(posted).join("; "), clientCert };
};

const get = (who: TSignedIn, pathname: string, headers: Record<string, string> = {}, port = proxy.port, host = HOST): Promise<TResponse> =>
  proxyRequest(port, host, pathname, { clientCert: who.clientCert, headers: { cookie: who.cookie, accept: "*/*", ...headers } });

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The newest proxy activity of an action whose path ends as given (the write loop flushes every 300 ms). */
const activityOf = (action: string, pathEnd: string, since: Date) =>
  waitFor(
    () =>
      getDb().activity.findFirst({
        where: { connectorId, source: "session_proxy", action, storedAt: { gte: since }, raw: { path: ["path"], string_ends_with: pathEnd } },
        orderBy: { seq: "desc" },
      }),
    5_000,
  );

beforeAll(async () => {
  sim = await startWithAcme({ port: 0, rateLimits: { enabled: false } });
  ({ connectorId } = await insertProtectedSite(sim.baseUrl, SITE));
  orgName = (await getDb().connector.findUniqueOrThrow({ where: { id: connectorId }, select: { name: true } })).name;
  for (const name of ["acme.com", "acme.io"]) await getDb().orgDomain.create({ data: { connectorId, name, status: "verified", syncedAt: new Date() } });
  await getDb().deviceCa.create({
    data: { kind: "uploaded", name: "Acme device CA", certPem: deviceCa.certPem, subject: "CN=Acme device CA", fingerprint256: deviceCa.fingerprint256, notAfter: new Date(Date.now() + 86_400_000) },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), "proxy-policies-"));
  proxy = await startSessionProxy({ port: 0, host: "127.0.0.1", domain: PROXY_DOMAIN, dataDir });
  trustingProxy = await startSessionProxy({ port: 0, host: "127.0.0.1", domain: PROXY_DOMAIN, dataDir, trustedHops: 1 });
});

afterEach(async () => {
  await getDb().sessionPolicy.deleteMany({});
});

afterAll(async () => {
  await proxy?.close();
  await trustingProxy?.close();
  await sim?.close();
});

describe("session policies in the proxy", () => {
  it("blocks a download to an unmanaged device with the .txt notice, and logs it as blocked", async () => {
    const policyId = await savePolicy({ ...template("block_downloads_unmanaged"), action: { kind: "block", blockMessage: "Use a company laptop.", contact: "security@acme.com" } });
    const ada = await signIn("ada@acme.com");
    const since = new Date();
    const answer = await get(ada, pdf.path);
    expect(answer.status).toBe(200);
    expect(answer.headers["x-watchpost-blocked"]).toBe(policyId);
    expect(answer.headers["content-disposition"]).toContain('filename="threat-model.pdf.txt"');
    expect(answer.headers["cache-control"]).toBe("no-store");
    const text = answer.body.toString("utf8");
    expect(text.startsWith(`Download restricted by ${orgName} policy Block downloads to unmanaged devices\n`)).toBe(true);
    expect(text).toContain("Use a company laptop.");
    expect(text).toContain("security@acme.com");
    expect(answer.body.length).toBeLessThan(1000);

    const activity = await activityOf("proxy_download_attachment", pdf.path, since);
    expect(activity).toMatchObject({ sessionOutcome: "blocked", sessionPolicyIds: [policyId], actorEmail: "ada@acme.com" });
    expect(activity.message).toBe(`Blocked download of threat-model.pdf (policy Block downloads to unmanaged devices) from Confluence on an unmanaged device`);
    expect(activity.raw).toMatchObject({
      outcome: "blocked",
      blockedBy: policyId,
      policies: [{ id: policyId, name: "Block downloads to unmanaged devices", action: "block" }],
      file: { name: "threat-model.pdf", sizeBytes: null, contentType: null },
    });

    // A browser navigation gets the block page, which downloads the same notice once from a one-time URL.
    const page = await get(ada, pdf.path, { "sec-fetch-mode": "navigate", accept: "text/html" });
    expect(page.status).toBe(403);
    const html = page.body.toString("utf8");
    expect(html).toContain("<title>Blocked by Block downloads to unmanaged devices</title>");
    expect(html).toContain("Use a company laptop.");
    const noticePath = /content="0;url=([^"]+)"/.exec(html)?.[1] ?? "";
    expect(noticePath).toMatch(/^\/__watchpost\/notice\//);
    const notice = await get(ada, noticePath);
    expect(notice.headers["content-disposition"]).toContain("threat-model.pdf.txt");
    expect(notice.body.toString("utf8")).toBe(text);
    expect((await get(ada, noticePath)).status).toBe(404);
  });

  it("lets a managed device download the real bytes under the same policy, and logs no verdict", async () => {
    await savePolicy(template("block_downloads_unmanaged"));
    const managed = await signIn("ada@acme.com", laptop);
    const since = new Date();
    const answer = await get(managed, pdf.path);
    expect(answer.status).toBe(200);
    expect(answer.headers["x-watchpost-blocked"]).toBeUndefined();
    expect(sha256(answer.body)).toBe(fileSha256(pdf));
    expect(answer.body.length).toBe(pdf.size);
    const activity = await activityOf("proxy_download_attachment", pdf.path, since);
    expect(activity).toMatchObject({ sessionOutcome: null, sessionPolicyIds: [] });
    expect(activity.raw).toMatchObject({ outcome: "completed", blockedBy: null, file: { name: "threat-model.pdf", sizeBytes: pdf.size, contentType: "application/pdf" } });
  });

  it("audits an external user's page views without blocking them; an internal user is not audited", async () => {
    const policyId = await savePolicy(template("monitor_external_users"));
    const page = catalog.pages[0]?.path ?? "/";
    const since = new Date();
    const carol = await signIn("carol@contractors.example");
    const viewed = await get(carol, page, { accept: "text/html" });
    expect(viewed.status).toBe(200);
    expect(viewed.body.toString("utf8")).toContain("Carol Contractor");
    const audited = await waitFor(
      () => getDb().activity.findFirst({ where: { connectorId, action: "proxy_view_page", actorEmail: "carol@contractors.example", storedAt: { gte: since } } }),
      5_000,
    );
    expect(audited).toMatchObject({ sessionOutcome: "audited", sessionPolicyIds: [policyId] });
    expect(audited.raw).toMatchObject({ outcome: "completed", blockedBy: null, policies: [{ id: policyId, action: "audit" }] });

    const bob = await signIn("bob@acme.io");
    expect((await get(bob, page)).status).toBe(200);
    const internal = await waitFor(() => getDb().activity.findFirst({ where: { connectorId, action: "proxy_view_page", actorEmail: "bob@acme.io", storedAt: { gte: since } } }), 5_000);
    expect(internal.sessionOutcome).toBeNull();
  });

  it("judges the first requests to a site switched on after the proxy started with its connector's verified domains", async () => {
    const policyId = await savePolicy(template("monitor_external_users"));
    const late = await startWithAcme({ port: 0, rateLimits: { enabled: false } }, acmeDefinition({ sites: [{ name: "late" }] }));
    try {
      const site = await insertProtectedSite(late.baseUrl, "late");
      await getDb().orgDomain.create({ data: { connectorId: site.connectorId, name: "acme.com", status: "verified", syncedAt: new Date() } });
      const host = `late.atlassian.net.${PROXY_DOMAIN}`;
      await waitFor(async () => (await proxyRequest(proxy.port, host, "/login")).status === 200, 5_000);
      const since = new Date();
      const posted = await proxyRequest(proxy.port, host, "/login", {
        method: "POST",
        body: new URLSearchParams({ email: "carol@contractors.example", password: SIMULATED_PASSWORD, continue: "/" }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const page = catalog.pages[0]?.path ?? "/";
      expect((await get({ cookie: cookiesOf(posted).join("; ") }, page, {}, proxy.port, host)).status).toBe(200);
      const first = await waitFor(() => getDb().activity.findFirst({ where: { connectorId: site.connectorId, action: "proxy_view_page", storedAt: { gte: since } } }), 5_000);
      expect(first).toMatchObject({ actorEmail: "carol@contractors.example", sessionOutcome: "audited", sessionPolicyIds: [policyId] });
    } finally {
      await late.close();
    }
  });

  it("decides a size filter from the answer: the 100 MB file is blocked unread, a small one passes", async () => {
    const policyId = await savePolicy({ name: "Nothing over 50 MB", controlType: "control_download", filters: { fileSizeAboveMb: 50 }, action: { kind: "block" }, priority: 100, enabled: true, description: "", notifyUser: false, alert: null });
    const bob = await signIn("bob@acme.io", laptop);
    const since = new Date();
    const big = await get(bob, backup.path);
    expect(big.headers["x-watchpost-blocked"]).toBe(policyId);
    expect(big.body.toString("utf8")).toMatch(/^Download restricted by .+ policy Nothing over 50 MB\n/);
    const small = await get(bob, pdf.path);
    expect(small.body.length).toBe(pdf.size);
    const activity = await activityOf("proxy_download_attachment", backup.path, since);
    expect(activity).toMatchObject({ sessionOutcome: "blocked", sessionPolicyIds: [policyId] });
    expect(activity.raw).toMatchObject({ outcome: "blocked", file: { name: backup.fileName, sizeBytes: backup.size } });
    expect(Number((activity.raw as { bytesSent: number }).bytesSent)).toBeLessThan(MB);
    expect((await activityOf("proxy_download_attachment", pdf.path, since)).sessionOutcome).toBeNull();
  });

  it("blocks another activity with a 403: the block page for a navigation, a line of text for a script, none of the page", async () => {
    const policyId = await savePolicy({ name: "No HR pages for Bob", controlType: "block_activities", filters: { users: ["bob@acme.io"], actions: ["proxy_view_page"] }, action: { kind: "block", contact: "hr@acme.com" }, priority: 100, enabled: true, description: "", notifyUser: false, alert: null });
    const bob = await signIn("bob@acme.io");
    const page = catalog.pages[0]?.path ?? "/";
    const since = new Date();
    const navigation = await get(bob, page, { "sec-fetch-mode": "navigate", accept: "text/html" });
    expect(navigation.status).toBe(403);
    expect(navigation.headers["x-watchpost-blocked"]).toBe(policyId);
    const html = navigation.body.toString("utf8");
    expect(html).toContain("<title>Blocked by No HR pages for Bob</title>");
    expect(html).toContain("hr@acme.com");
    expect(html).not.toContain("http-equiv");
    expect(html).not.toContain("Bob Builder");
    const script = await get(bob, page, { "sec-fetch-mode": "cors" });
    expect(script.status).toBe(403);
    expect(String(script.headers["content-type"])).toMatch(/^text\/plain/);
    expect(script.body.toString("utf8")).toMatch(/^Blocked by No HR pages for Bob: /);
    const activity = await activityOf("proxy_view_page", page, since);
    expect(activity).toMatchObject({ sessionOutcome: "blocked", sessionPolicyIds: [policyId], actorEmail: "bob@acme.io" });
    expect(activity.message).toMatch(/^Blocked page view of /);
    const ada = await signIn("ada@acme.com");
    expect((await get(ada, page)).status).toBe(200);
  });

  it("picks up a new policy, and its removal, within 5 s", async () => {
    const ada = await signIn("ada@acme.com");
    expect((await get(ada, pdf.path)).body.length).toBe(pdf.size);
    const row = await getDb().sessionPolicy.create({ data: { name: "Late block", controlType: "control_download", filters: {}, action: { kind: "block" } } });
    const savedAt = Date.now();
    await waitFor(async () => (await get(ada, pdf.path)).headers["x-watchpost-blocked"] === row.id, 5_000);
    expect(Date.now() - savedAt).toBeLessThan(5_000);
    await getDb().sessionPolicy.update({ where: { id: row.id }, data: { enabled: false } });
    await waitFor(async () => (await get(ada, pdf.path)).body.length === pdf.size, 5_000);
  });

  it("takes the client IP from X-Forwarded-For only with WATCHPOST_PROXY_TRUST_PROXY, and blocks a space export from a Tor-listed IP", async () => {
    const policyId = await savePolicy(template("block_exports_risky_ips"));
    const exportPath = "/wiki/spaces/ENG/export?format=xml";
    const since = new Date();
    const untrusted = await signIn("ada@acme.com", laptop);
    const passed = await get(untrusted, exportPath, { "x-forwarded-for": TOR_IP });
    expect(passed.status).toBe(200);
    expect(passed.headers["x-watchpost-blocked"]).toBeUndefined();
    const direct = await activityOf("proxy_export_space", "/wiki/spaces/ENG/export", since);
    expect(direct.ip).toBe("127.0.0.1");
    expect(direct.sessionOutcome).toBeNull();

    const trusted = await signIn("ada@acme.com", laptop, trustingProxy.port);
    const blockedAt = new Date();
    const blocked = await get(trusted, exportPath, { "x-forwarded-for": `10.0.0.1, ${TOR_IP}` }, trustingProxy.port);
    expect(blocked.headers["x-watchpost-blocked"]).toBe(policyId);
    expect(blocked.headers["content-disposition"]).toContain(".txt");
    const activity = await activityOf("proxy_export_space", "/wiki/spaces/ENG/export", blockedAt);
    expect(activity).toMatchObject({ ip: TOR_IP, ipTags: ["tor"], sessionOutcome: "blocked", sessionPolicyIds: [policyId] });
    expect(activity.message).toContain("Blocked export of");
  });
});
