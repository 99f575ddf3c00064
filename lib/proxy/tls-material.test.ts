import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadServerTls, serverCertificateNames } from "./tls-material";

describe("loadServerTls", () => {
  it("creates the proxy CA once, keeps keys private, and issues a server certificate for the proxied names", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "proxy-tls-"));
    const first = loadServerTls({ dataDir, domain: "proxy.localhost" });
    const dir = path.join(dataDir, "proxy");
    expect(statSync(path.join(dir, "ca.key.pem")).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, "server.key.pem")).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(readFileSync(path.join(dir, "ca.crt.pem")));
    const server = new X509Certificate(first.cert);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost("acme.atlassian.net.proxy.localhost")).toBe("*.atlassian.net.proxy.localhost");
    expect(server.checkHost("api.media.atlassian.com.proxy.localhost")).toBeTruthy();
    expect(server.checkHost("acme.atlassian.net")).toBeUndefined();

    // Same domain: nothing reissued. New domain: a new server certificate from the same CA.
    expect(loadServerTls({ dataDir, domain: "proxy.localhost" }).cert).toBe(first.cert);
    const moved = new X509Certificate(loadServerTls({ dataDir, domain: "wp.example.com" }).cert);
    expect(moved.checkHost("acme.atlassian.net.wp.example.com")).toBeTruthy();
    expect(moved.verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(readFileSync(path.join(dir, "ca.crt.pem"))).fingerprint256).toBe(ca.fingerprint256);
  });

  it("names one wildcard per family, the media host and the domain", () => {
    expect(serverCertificateNames("p.example")).toEqual(["*.atlassian.net.p.example", "*.media.atlassian.com.p.example", "api.media.atlassian.com.p.example", "p.example"]);
  });
});
