// The proxy's TLS identity: Watchpost's own proxy CA (created once, kept in <dataDir>/proxy/) and a server
// certificate for the proxied hosts, reissued when the proxy domain changes. Or the operator's own certificate.
import { generateKeyPairSync, randomBytes, X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { MEDIA_HOST } from "./names";

export type TServerTls = Readonly<{ cert: string; key: string; caCertPath: string | null }>;

const DAY_MS = 86_400_000;

const newKeyPair = () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
};

// Positive 16-byte serials: a leading zero bit keeps DER from reading them as negative.
const newSerial = () => `0${randomBytes(16).toString("hex").slice(1)}`;

/** The names the server certificate covers: one wildcard per proxied family plus the media host and the domain itself. */
export const serverCertificateNames = (domain: string): string[] => [
  `*.atlassian.net.${domain}`,
  // `*.media.atlassian.com.<domain>` covers api.media.atlassian.com.<domain> (a wildcard spans exactly one label).
  `*.media.atlassian.com.${domain}`,
  `${MEDIA_HOST}.${domain}`,
  domain,
];

const createCa = () => {
  const { key, publicKey, pem } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * DAY_MS);
  const subject = [{ name: "commonName", value: "Watchpost session proxy CA" }, { name: "organizationName", value: "Watchpost" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: pem };
};

const issueServerCertificate = (caCertPem: string, caKeyPem: string, domain: string) => {
  const caCert = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const { publicKey, pem } = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = newSerial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  // 397 days: the longest validity browsers accept for a server certificate.
  cert.validity.notAfter = new Date(Date.now() + 397 * DAY_MS);
  cert.setSubject([{ name: "commonName", value: domain }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: serverCertificateNames(domain).map((value) => ({ type: 2, value })) },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: pem };
};

/** Whether a stored server certificate still fits: the same names and at least 30 days left. */
const isCurrent = (certPem: string, domain: string): boolean => {
  try {
    const cert = new X509Certificate(certPem);
    const names = (cert.subjectAltName ?? "").split(",").map((n) => n.trim().replace(/^DNS:/, ""));
    return serverCertificateNames(domain).every((n) => names.includes(n)) && Date.parse(cert.validTo) - Date.now() > 30 * DAY_MS;
  } catch {
    return false;
  }
};

const writePrivate = (file: string, content: string) => {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
};

/**
 * The server certificate and key: the operator's files when given; otherwise Watchpost's proxy CA (created at first
 * start) and a server certificate it issued for `domain` (reissued when the domain changed or it nears expiry).
 */
export const loadServerTls = (options: Readonly<{ dataDir: string; domain: string; certFile?: string; keyFile?: string }>): TServerTls => {
  if (options.certFile && options.keyFile) {
    return { cert: readFileSync(options.certFile, "utf8"), key: readFileSync(options.keyFile, "utf8"), caCertPath: null };
  }
  const dir = path.join(options.dataDir, "proxy");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  if (!existsSync(file("ca.crt.pem")) || !existsSync(file("ca.key.pem"))) {
    const ca = createCa();
    writePrivate(file("ca.key.pem"), ca.keyPem);
    writeFileSync(file("ca.crt.pem"), ca.certPem);
  }
  const caCert = readFileSync(file("ca.crt.pem"), "utf8");
  const hasServer = existsSync(file("server.crt.pem")) && existsSync(file("server.key.pem"));
  if (!hasServer || !isCurrent(readFileSync(file("server.crt.pem"), "utf8"), options.domain)) {
    const server = issueServerCertificate(caCert, readFileSync(file("ca.key.pem"), "utf8"), options.domain);
    writePrivate(file("server.key.pem"), server.keyPem);
    writeFileSync(file("server.crt.pem"), server.certPem);
  }
  return { cert: readFileSync(file("server.crt.pem"), "utf8"), key: readFileSync(file("server.key.pem"), "utf8"), caCertPath: file("ca.crt.pem") };
};
