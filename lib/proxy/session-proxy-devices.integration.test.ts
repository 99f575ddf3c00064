import https from "node:https";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../server/db";
import type { TRunningSessionProxy } from "./start-proxy";
import { cookiesOf, createDeviceCa, proxyRequest, type TClientCert } from "./testing/client";
import { insertProtectedSite, PROXY_DOMAIN as DOMAIN, startProxyFixture, waitFor } from "./testing/setup";

// Device verdicts, End session and bad input: revocation and ending take effect within seconds, nothing crashes the proxy.
let fixture: Awaited<ReturnType<typeof startProxyFixture>>;
let proxy: TRunningSessionProxy;
let host: string;
let downHost: string;
const deviceCa = createDeviceCa("Devices CA");
const strangerCa = createDeviceCa("Stranger CA");

/** The device the proxy recorded for one page view with this certificate (or none). */
const deviceOfView = async (clientCert?: TClientCert) => {
  const page = await proxyRequest(proxy.port, host, "/page", { clientCert });
  expect(page.status).toBe(200);
  const sessionId = cookiesOf(page).find((c) => c.startsWith("watchpost_proxy_"))?.split("=")[1] ?? "";
  const row = await waitFor(() => getDb().activity.findFirst({ where: { source: "session_proxy", raw: { path: ["sessionId"], equals: sessionId } } }), 2_000);
  return (row.raw as { device: { managed: boolean; subject: string | null } }).device;
};

beforeAll(async () => {
  fixture = await startProxyFixture(deviceCa);
  ({ proxy, host } = fixture);
  // A site whose upstream refuses connections (nothing listens on port 9 of loopback).
  downHost = `${(await insertProtectedSite("http://127.0.0.1:9")).host}.${DOMAIN}`;
});

afterAll(() => fixture?.close());

describe("session proxy devices and bad input", () => {
  it("tells managed from unmanaged: trusted CA, foreign CA, damaged signature, no certificate", async () => {
    expect(await deviceOfView(deviceCa.issue("managed-1"))).toMatchObject({ managed: true, subject: "managed-1" });
    expect(await deviceOfView(strangerCa.issue("stranger"))).toMatchObject({ managed: false, subject: "stranger" });
    expect(await deviceOfView(deviceCa.issue("forged", { corrupt: true }))).toMatchObject({ managed: false, subject: "forged" });
    expect(await deviceOfView()).toMatchObject({ managed: false, subject: null });
  });

  it("treats a revoked certificate as unmanaged within 5 s", async () => {
    const cert = deviceCa.issue("to-revoke");
    const ca = await getDb().deviceCa.findFirstOrThrow({ where: { fingerprint256: deviceCa.fingerprint256 } });
    const row = await getDb().deviceCertificate.create({
      data: { caId: ca.id, name: "to revoke", serial: cert.serial, subject: "CN=to-revoke", fingerprint256: cert.fingerprint256, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await deviceOfView(cert)).toMatchObject({ managed: true });
    await getDb().deviceCertificate.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    const revokedAt = Date.now();
    await waitFor(async () => ((await deviceOfView(cert)).managed ? null : true), 5_000);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
  });

  it("makes an ended session sign in again: the site's cookies and the proxy's are cleared", async () => {
    const page = await proxyRequest(proxy.port, host, "/page", { headers: { cookie: "cloud.session.token=carol" } });
    const proxyCookie = cookiesOf(page).find((c) => c.startsWith("watchpost_proxy_")) ?? "";
    const sessionId = proxyCookie.split("=")[1] ?? "";
    await waitFor(() => getDb().proxySession.findFirst({ where: { id: sessionId } }), 2_000);
    await getDb().proxySession.update({ where: { id: sessionId }, data: { endedAt: new Date() } });
    const cookie = `cloud.session.token=carol; ${proxyCookie}`;
    const ended = await waitFor(async () => {
      const response = await proxyRequest(proxy.port, host, "/page", { headers: { cookie } });
      return response.status === 303 ? response : null;
    }, 2_000);
    expect(ended.headers.location).toBe(`https://${host}:${proxy.port}/login`);
    expect(ended.headers["set-cookie"]).toEqual([
      "cloud.session.token=; Path=/; Max-Age=0",
      `cloud.session.token=; Domain=${host}; Path=/; Max-Age=0`,
      `${proxyCookie.split("=")[0]}=; Domain=${DOMAIN}; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`,
    ]);
  });

  it("logs a download the client abandons halfway as aborted", async () => {
    const page = await proxyRequest(proxy.port, host, "/page");
    const jar = cookiesOf(page).join("; ");
    const sessionId = jar.split("=")[1] ?? "";
    await new Promise<void>((resolve) => {
      const request = https.request({ host: "127.0.0.1", port: proxy.port, servername: host, path: "/big.bin", headers: { host: `${host}:${proxy.port}`, cookie: jar }, rejectUnauthorized: false, agent: false });
      request.on("response", (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > 1_000_000) request.destroy();
        });
        response.on("error", () => undefined);
      });
      request.on("error", () => undefined);
      request.on("close", () => resolve());
      request.end();
    });
    const row = await waitFor(
      () => getDb().activity.findFirst({ where: { source: "session_proxy", action: "proxy_download_attachment", raw: { path: ["sessionId"], equals: sessionId } } }),
      3_000,
    );
    expect(row.raw).toMatchObject({ outcome: "aborted" });
    expect((row.raw as { bytesSent: number }).bytesSent).toBeLessThan(24 * 1024 * 1024);
  });

  it("answers 502 when the upstream is down, and survives resets, bad cookies and garbage", async () => {
    const down = await proxyRequest(proxy.port, downHost, "/page");
    expect(down.status).toBe(502);
    expect(down.body.toString()).toContain("could not reach");
    await expect(proxyRequest(proxy.port, host, "/reset", { headers: { cookie: "x-reset=1" } })).rejects.toThrow();
    const reset = await waitFor(() => getDb().activity.findFirst({ where: { source: "session_proxy", targetName: "reset.bin" } }), 2_000);
    expect(reset.raw).toMatchObject({ outcome: "upstream_error", status: 200 });
    // Not TLS at all, then a TLS client that hangs up mid-handshake.
    await new Promise<void>((resolve) => net.connect(proxy.port, "127.0.0.1", function (this: net.Socket) {
      this.end("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      this.on("close", () => resolve()).on("error", () => resolve());
    }));
    const odd = await proxyRequest(proxy.port, host, "/page", { headers: { cookie: "watchpost_proxy_x=not-a-uuid; ;;=; \u00ff=1; a" } });
    expect(odd.status).toBe(200);
    const stale = await proxyRequest(proxy.port, host, "/page", { headers: { cookie: `${host.split(".")[0] ? `watchpost_proxy_${host.split(".")[0]}` : ""}=00000000-0000-4000-8000-000000000000` } });
    expect(stale.status).toBe(200);
    expect(cookiesOf(stale).some((c) => c.startsWith("watchpost_proxy_"))).toBe(true);
    expect((await proxyRequest(proxy.port, host, "/page?%zz")).status).toBe(200);
    expect((await proxyRequest(proxy.port, host, "/page")).status).toBe(200);
  });
});
