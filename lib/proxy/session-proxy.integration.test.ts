import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../server/db";
import type { TRunningSessionProxy } from "./start-proxy";
import { cookiesOf, createDeviceCa, proxyRequest, type TClientCert } from "./testing/client";
import { BIG_SIZE, bytesAt, sha256, startFakeSite, type TFakeSite } from "./testing/fake-site";
import { insertProtectedSite, PROXY_DOMAIN as DOMAIN, startProxyFixture, waitFor } from "./testing/setup";

let fixture: Awaited<ReturnType<typeof startProxyFixture>>;
let site: TFakeSite;
let proxy: TRunningSessionProxy;
let host: string;
let connectorId: string;
const deviceCa = createDeviceCa("Test device CA");
const trusted = deviceCa.issue("laptop-trusted");

const activitiesOf = (sessionId: string) =>
  getDb().activity.findMany({ where: { connectorId, source: "session_proxy", raw: { path: ["sessionId"], equals: sessionId } }, orderBy: { seq: "asc" } });

/** Signs in through the proxy (with a client certificate or none); returns the browser's cookies and the session id. */
const signIn = async (user: string, clientCert?: TClientCert) => {
  const first = await proxyRequest(proxy.port, host, "/login", { clientCert });
  const jar = cookiesOf(first);
  const sessionId = jar.find((c) => c.startsWith("watchpost_proxy_"))?.split("=")[1] ?? "";
  const posted = await proxyRequest(proxy.port, host, "/login", {
    method: "POST",
    clientCert,
    body: `user=${user}`,
    headers: { cookie: jar.join("; "), "content-type": "application/x-www-form-urlencoded" },
  });
  return { jar: [...jar, ...cookiesOf(posted)], sessionId, posted };
};

beforeAll(async () => {
  fixture = await startProxyFixture(deviceCa);
  ({ site, proxy, host, connectorId } = fixture);
});

afterAll(() => fixture?.close());

describe("session proxy", () => {
  it("answers unknown and malformed hosts with a 404 page", async () => {
    for (const h of [`nobody.atlassian.net.${DOMAIN}`, "example.com", `${"a".repeat(70)}.atlassian.net.${DOMAIN}`]) {
      const response = await proxyRequest(proxy.port, h, "/");
      expect(response.status).toBe(404);
      expect(String(response.headers["content-type"])).toMatch(/text\/html/);
    }
  });

  it("rewrites upstream authorities in HTML and JS to the proxied https ones, and sets its session cookie", async () => {
    const page = await proxyRequest(proxy.port, host, "/page");
    const body = page.body.toString("utf8");
    const proxied = `https://${host}:${proxy.port}`;
    expect(body).toContain(`href="${proxied}/wiki/spaces/X/overview"`);
    expect(body).toContain(`src="https://api.media.atlassian.com.${DOMAIN}:${proxy.port}/file/1/binary"`);
    expect(body).toContain(`"https:\\/\\/${host}:${proxy.port}/rest/api/3"`);
    expect(body).toContain(`"${host}:${proxy.port}"`);
    expect(body).toContain("é");
    expect(body).not.toContain(`localhost:${site.port}`);
    expect(page.headers["content-length"]).toBeUndefined();
    const cookie = (page.headers["set-cookie"] as string[]).find((c) => c.startsWith("watchpost_proxy_"));
    expect(cookie).toMatch(new RegExp(`; Domain=${DOMAIN}; Path=/; HttpOnly; Secure; SameSite=Lax$`));
    const js = await proxyRequest(proxy.port, host, "/app.js");
    expect(js.body.toString()).toBe(`fetch("${proxied}/gateway/api/me");`);
  });

  it("sends Host, Origin and Referer upstream in the upstream's form, without the proxy's cookie", async () => {
    const response = await proxyRequest(proxy.port, host, "/echo", {
      headers: { origin: `https://${host}:${proxy.port}`, referer: `https://${host}:${proxy.port}/page?x=1`, cookie: "watchpost_proxy_x=abc; a=1" },
    });
    const upstreamHost = `${host.replace(`.${DOMAIN}`, "")}.localhost:${site.port}`;
    expect(JSON.parse(response.body.toString())).toEqual({ host: upstreamHost, origin: `http://${upstreamHost}`, referer: `http://${upstreamHost}/page?x=1`, cookie: "a=1" });
  });

  it("rewrites the sign-in cookie's Domain, learns the user, and logs the session's activities with user and managed device", async () => {
    const { jar, sessionId, posted } = await signIn("alice", trusted);
    expect(posted.status).toBe(303);
    expect((posted.headers["set-cookie"] as string[])[0]).toBe(`cloud.session.token=alice; Domain=${host}; Path=/; HttpOnly`);
    const download = await proxyRequest(proxy.port, host, "/big.bin", { clientCert: trusted, headers: { cookie: jar.join("; ") } });
    expect(download.status).toBe(200);
    expect(download.body.length).toBe(BIG_SIZE);
    expect(sha256(download.body)).toBe(sha256(bytesAt(0, BIG_SIZE)));

    const started = Date.now();
    const rows = await waitFor(async () => {
      const found = await activitiesOf(sessionId);
      return found.some((a) => a.action === "proxy_download_attachment") ? found : null;
    }, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    const signInRow = rows.find((a) => a.action === "proxy_sign_in");
    // The sign-in's own answer set the session cookie: the proxy asked who signed in before logging it.
    expect(signInRow).toMatchObject({ source: "session_proxy", product: "atlassian", actorId: "acc-alice", actorEmail: "alice@acme.test" });
    const downloaded = rows.find((a) => a.action === "proxy_download_attachment");
    expect(downloaded).toMatchObject({ actorId: "acc-alice", actorEmail: "alice@acme.test", actorName: "User alice", product: "confluence", targetName: "big.bin", ip: "127.0.0.1" });
    expect(downloaded?.eventId).toMatch(/^proxy:[0-9a-f-]{36}$/);
    expect(downloaded?.message).toBe("Downloaded big.bin (24.0 MB) from Confluence on a managed device (laptop-trusted)");
    expect(downloaded?.raw).toMatchObject({ sessionId, device: { managed: true, subject: "laptop-trusted", serial: trusted.serial }, status: 200, bytesSent: BIG_SIZE, outcome: "completed" });
    const session = await waitFor(() => getDb().proxySession.findFirst({ where: { id: sessionId, downloads: { gte: 1 } } }), 2_000);
    expect(session).toMatchObject({ accountId: "acc-alice", userEmail: "alice@acme.test", deviceManaged: true, deviceSubject: "laptop-trusted", connectorId });
    expect(Number(session.bytesSent)).toBeGreaterThanOrEqual(BIG_SIZE);
  });

  it("passes ranges through and follows the media redirect with the session, byte for byte", async () => {
    const { jar, sessionId } = await signIn("bob");
    const ranged = await proxyRequest(proxy.port, host, "/big.bin", { headers: { cookie: jar.join("; "), range: "bytes=1000-1999" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers["content-range"]).toBe(`bytes 1000-1999/${BIG_SIZE}`);
    expect(ranged.body.equals(bytesAt(1000, 2000))).toBe(true);

    const redirect = await proxyRequest(proxy.port, host, "/attachment", { headers: { cookie: jar.join("; ") } });
    expect(redirect.status).toBe(302);
    const location = new URL(String(redirect.headers.location));
    expect(location.host).toBe(`api.media.atlassian.com.${DOMAIN}:${proxy.port}`);
    expect(location.searchParams.get("watchpost_site")).toBe(host.replace(`.${DOMAIN}`, ""));
    const media = await proxyRequest(proxy.port, location.hostname, `${location.pathname}${location.search}`, { headers: { cookie: jar.join("; ") } });
    expect(media.status).toBe(200);
    expect(sha256(media.body)).toBe(sha256(bytesAt(0, BIG_SIZE)));
    expect(site.seen.mediaQuery).toBe("?token=t1&name=report.bin");
    const rows = await waitFor(async () => {
      const found = await activitiesOf(sessionId);
      return found.find((a) => a.raw && (a.raw as { host?: string }).host === "media");
    }, 2_000);
    expect(rows).toMatchObject({ actorId: "acc-bob", action: "proxy_download_attachment" });
    expect(rows.raw).toMatchObject({ device: { managed: false, subject: null } });
  });

  it("sends a media request to the upstream of the site it came from, with several simulators behind one proxy", async () => {
    const other = await startFakeSite();
    try {
      const otherHost = `${(await insertProtectedSite(`http://127.0.0.1:${other.port}`)).host}.${DOMAIN}`;
      // The proxy picks the new site up at its next directory refresh.
      const page = await waitFor(async () => {
        const response = await proxyRequest(proxy.port, otherHost, "/page");
        return response.status === 200 ? response : null;
      }, 3_000);
      const mediaHost = `api.media.atlassian.com.${DOMAIN}`;
      const bothCookies = [...cookiesOf(page), ...cookiesOf(await proxyRequest(proxy.port, host, "/page"))].join("; ");
      const seenBefore = { first: site.seen.mediaQuery, other: other.seen.mediaQuery };
      // The parameter names the other site: only its upstream sees the request, without the parameter.
      const tagged = await proxyRequest(proxy.port, mediaHost, `/file/x/binary?name=o.bin&watchpost_site=${otherHost.replace(`.${DOMAIN}`, "")}`, {
        headers: { cookie: bothCookies, range: "bytes=0-9" },
      });
      expect(tagged.status).toBe(206);
      expect(other.seen.mediaQuery).toBe("?name=o.bin");
      expect(site.seen.mediaQuery).toBe(seenBefore.first);
      // No parameter: the page it was linked from (Referer) decides.
      const referred = await proxyRequest(proxy.port, mediaHost, "/file/y/binary?name=r.bin", {
        headers: { cookie: bothCookies, referer: `https://${host}:${proxy.port}/page`, range: "bytes=0-9" },
      });
      expect(referred.status).toBe(206);
      expect(site.seen.mediaQuery).toBe("?name=r.bin");
      expect(other.seen.mediaQuery).toBe("?name=o.bin");
      expect(seenBefore.other).toBeNull();
      // Nothing to go by: no session, no site, a 404 page.
      expect((await proxyRequest(proxy.port, mediaHost, "/file/z/binary")).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
