import { X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { describe, expect, it } from "vitest";
import { checkCaPem } from "./ca-pem";
import { certificateFacts, createDeviceCa, issueClientCertificate, randomSerial, toPkcs12 } from "./certificates";

const NOW = new Date("2026-12-07T12:00:00Z");
const ca = createDeviceCa({ commonName: "Watchpost device CA", now: NOW });

describe("device certificates", () => {
  it("issues a client certificate signed by the CA, with clientAuth and a 16-byte serial", () => {
    const issued = issueClientCertificate({ ca, name: "Ada's laptop", days: 90, now: NOW });
    const cert = new X509Certificate(issued.certPem);
    expect(cert.subject).toBe("CN=Ada's laptop");
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    const facts = certificateFacts(issued.certPem);
    expect(facts.serial).toMatch(/^[0-9A-F]{32}$/);
    expect(facts.notAfter.getTime() - NOW.getTime()).toBe(90 * 86_400_000);
  });

  it("packs a PKCS#12 that Node's TLS opens with the passphrase only", () => {
    const issued = issueClientCertificate({ ca, name: "kiosk-1", days: 30, now: NOW });
    const pfx = toPkcs12({ issued, caCertPem: ca.certPem, passphrase: "correct horse", friendlyName: "kiosk-1" });
    expect(() => createSecureContext({ pfx, passphrase: "correct horse" })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: "wrong passphrase" })).toThrow();
  });

  it("draws serials that are positive 16-byte integers", () => {
    const serials = Array.from({ length: 200 }, randomSerial);
    for (const serial of serials) expect(serial).toMatch(/^[1-7][0-9A-F]{31}$/);
    expect(new Set(serials).size).toBe(200);
  });
});

describe("checkCaPem", () => {
  it("accepts a CA certificate and reports its facts", () => {
    const result = checkCaPem(`\n${ca.certPem}\n`, NOW);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.facts.subject).toContain("CN=Watchpost device CA");
  });

  it.each([
    ["garbage", "hello", "Not a PEM certificate"],
    ["a private key", ca.keyPem, "This is a private key"],
    ["two certificates", `${ca.certPem}${ca.certPem}`, "more than one certificate"],
    ["damaged base64", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "cannot be read"],
    ["no END line", "-----BEGIN CERTIFICATE-----\nMIIB", "incomplete"],
  ])("refuses %s", (_, pem, reason) => {
    const result = checkCaPem(pem, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("refuses a leaf certificate and an expired CA", () => {
    const leaf = issueClientCertificate({ ca, name: "leaf", days: 30, now: NOW });
    const notCa = checkCaPem(leaf.certPem, NOW);
    expect(notCa.ok || notCa.reason).toContain("not a CA");
    const old = createDeviceCa({ commonName: "Old CA", now: new Date("2020-01-01T00:00:00Z"), days: 30 });
    const expired = checkCaPem(old.certPem, NOW);
    expect(expired.ok || expired.reason).toBe("This CA certificate expired on 2020-01-31");
  });
});
