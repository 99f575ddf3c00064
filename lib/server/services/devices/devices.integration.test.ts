import { X509Certificate } from "node:crypto";
import { createSecureContext } from "node:tls";
import { beforeEach, describe, expect, it } from "vitest";
import { createDeviceCa, issueClientCertificate } from "../../../devices/certificates";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
// eslint-disable-next-line no-restricted-imports -- the test checks the stored rows themselves
import { getDb } from "../../db";
import { listTrustedCaPems } from "../../repositories/device-ca-repository";
import { listRevokedSerials } from "../../repositories/device-certificate-repository";
import { issueDeviceCertificate } from "./issue-device-certificate";
import { getDeviceCaPem, listDeviceCaDtos, removeDeviceCa, uploadDeviceCa } from "./manage-device-cas";
import { listDeviceCertificateDtos, revokeDeviceCertificateForActor } from "./manage-device-certificates";

beforeEach(() => resetDatabase());

const pemOf = async (id: string) => new Response((await getDeviceCaPem(id)).body).text();

describe("Watchpost's device CA and issued certificates", () => {
  it("creates the CA once, issues a PKCS#12 Node's TLS opens with the passphrase, stores no key, and revokes", async () => {
    const { principal } = await makeUser("admin");
    const [first, second] = await Promise.all([listDeviceCaDtos(principal), listDeviceCaDtos(principal)]);
    expect(first).toEqual(second);
    expect(first).toHaveLength(1);
    const ca = first[0];
    expect(ca).toMatchObject({ kind: "watchpost", name: "Watchpost device CA" });
    const stored = await getDb().deviceCa.findFirstOrThrow();
    expect(stored.keyCiphertext).toMatch(/^v2:/);
    expect(stored.keyCiphertext).not.toContain("PRIVATE KEY");

    const issued = await issueDeviceCertificate({ actor: principal, input: { name: "Ada's laptop", expiresInDays: 90, passphrase: "correct horse" } });
    expect(issued.fileName).toBe("Ada-s-laptop.p12");
    expect(issued.certificate).toMatchObject({ name: "Ada's laptop", subject: "CN=Ada's laptop", status: "active", revokedAt: null });
    const pfx = Buffer.from(issued.pkcs12Base64, "base64");
    expect(() => createSecureContext({ pfx, passphrase: "correct horse" })).not.toThrow();
    expect(() => createSecureContext({ pfx, passphrase: "not the one" })).toThrow();

    // The certificate chains to the CA the proxy trusts, and its serial is the one stored.
    const caPem = await pemOf(ca?.id ?? "");
    expect(await listTrustedCaPems()).toEqual([caPem]);
    const row = await getDb().deviceCertificate.findFirstOrThrow();
    expect(row.serial).toBe(issued.certificate.serial);
    expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");

    const revoked = await revokeDeviceCertificateForActor({ actor: principal, id: issued.certificate.id });
    expect(revoked).toMatchObject({ status: "revoked" });
    expect(await listRevokedSerials()).toEqual([issued.certificate.serial]);
    await revokeDeviceCertificateForActor({ actor: principal, id: issued.certificate.id });
    expect((await listDeviceCertificateDtos()).map((c) => c.status)).toEqual(["revoked"]);
    const actions = (await getDb().auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["device_ca.created", "device_certificate.issued", "device_certificate.revoked"]);
    await expect(revokeDeviceCertificateForActor({ actor: principal, id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("uploaded CAs", () => {
  it("trusts a valid CA, refuses garbage, keys, leaves, expired CAs and duplicates, and removes uploaded ones only", async () => {
    const { principal } = await makeUser("admin");
    const now = new Date();
    const theirs = createDeviceCa({ commonName: "Acme Device CA", now });
    const uploaded = await uploadDeviceCa({ actor: principal, input: { pem: theirs.certPem } });
    expect(uploaded).toMatchObject({ kind: "uploaded", name: "Acme Device CA", fingerprint256: new X509Certificate(theirs.certPem).fingerprint256 });

    const refusals: [string, number, string][] = [
      ["garbage", 400, "Not a PEM certificate"],
      [theirs.keyPem, 400, "This is a private key"],
      [issueClientCertificate({ ca: theirs, name: "leaf", days: 30, now }).certPem, 400, "not a CA"],
      [createDeviceCa({ commonName: "Old", now: new Date("2020-01-01T00:00:00Z"), days: 10 }).certPem, 400, "expired on 2020-01-11"],
      [theirs.certPem, 409, "already trusted"],
    ];
    for (const [pem, status, message] of refusals) {
      await expect(uploadDeviceCa({ actor: principal, input: { pem } })).rejects.toMatchObject({ status, message: expect.stringContaining(message), invalidParams: [{ name: "pem" }] });
    }

    const cas = await listDeviceCaDtos(principal);
    expect(cas.map((c) => c.kind)).toEqual(["watchpost", "uploaded"]);
    await expect(removeDeviceCa({ actor: principal, id: cas[0]?.id ?? "" })).rejects.toMatchObject({ status: 400 });
    await removeDeviceCa({ actor: principal, id: uploaded.id });
    await expect(removeDeviceCa({ actor: principal, id: uploaded.id })).rejects.toMatchObject({ status: 404 });
    expect((await listDeviceCaDtos(principal)).map((c) => c.kind)).toEqual(["watchpost"]);
  });
});
