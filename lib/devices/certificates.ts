import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import forge from "node-forge";

const DAY_MS = 86_400_000;
// Clocks of devices and proxies drift: a certificate is valid from a little before it is issued.
const BACKDATE_MS = 5 * 60_000;

export type TKeyPairPem = Readonly<{ certPem: string; keyPem: string }>;

export type TCertificateFacts = Readonly<{ subject: string; serial: string; fingerprint256: string; notBefore: Date; notAfter: Date }>;

/** What the proxy and the database know of a certificate, as Node's X509Certificate prints it. */
export const certificateFacts = (certPem: string): TCertificateFacts => {
  const x509 = new X509Certificate(certPem);
  return { subject: x509.subject, serial: x509.serialNumber.toUpperCase(), fingerprint256: x509.fingerprint256, notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo) };
};

// RSA keys come from Node (OpenSSL, milliseconds); node-forge, in pure JS, would take seconds per key.
const newRsaKey = () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
};

/** 16 random bytes, upper-case hex; the top bits fixed so the DER integer is positive and has no leading zero. */
export const randomSerial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString("hex").toUpperCase();
};

const validity = (cert: forge.pki.Certificate, now: Date, days: number) => {
  cert.validity.notBefore = new Date(now.getTime() - BACKDATE_MS);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
};

/** Watchpost's device CA: a self-signed RSA root that signs client certificates only (pathlen 0). */
export const createDeviceCa = (options: Readonly<{ commonName: string; now: Date; days?: number }>): TKeyPairPem => {
  const { key, publicKey } = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  validity(cert, options.now, options.days ?? 3650);
  const name = [{ name: "commonName", value: options.commonName }, { name: "organizationName", value: "Watchpost" }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(key) };
};

/** A client certificate (CN = name, clientAuth) signed by the CA; its key exists only in the returned PEM. */
export const issueClientCertificate = (options: Readonly<{ ca: TKeyPairPem; name: string; days: number; now: Date }>): TKeyPairPem => {
  const caCert = forge.pki.certificateFromPem(options.ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(options.ca.keyPem);
  const { key, publicKey } = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  validity(cert, options.now, options.days);
  cert.setSubject([{ name: "commonName", value: options.name }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", clientAuth: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(key) };
};

/**
 * The certificate, its key and the CA in one PKCS#12, encrypted with the passphrase (3DES and a SHA-1 MAC: what
 * Windows, macOS, browsers and OpenSSL 3 without its legacy provider all import).
 */
export const toPkcs12 = (options: Readonly<{ issued: TKeyPairPem; caCertPem: string; passphrase: string; friendlyName: string }>): Buffer => {
  const key = forge.pki.privateKeyFromPem(options.issued.keyPem);
  const chain = [forge.pki.certificateFromPem(options.issued.certPem), forge.pki.certificateFromPem(options.caCertPem)];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, chain, options.passphrase, { algorithm: "3des", friendlyName: options.friendlyName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
};
