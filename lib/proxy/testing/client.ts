// HTTPS requests to the proxy as a browser makes them (SNI and Host set to a proxied host), and device certificates.
import { X509Certificate, generateKeyPairSync, randomBytes } from "node:crypto";
import https from "node:https";
import forge from "node-forge";

export type TResponse = Readonly<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>;
export type TClientCert = Readonly<{ cert: string; key: string }>;

export const proxyRequest = (
  port: number,
  host: string,
  path: string,
  options: Readonly<{ method?: string; headers?: Record<string, string>; body?: string; clientCert?: TClientCert }> = {},
): Promise<TResponse> =>
  new Promise((resolve, reject) => {
    const request = https.request({
      host: "127.0.0.1",
      port,
      servername: host,
      path,
      method: options.method ?? "GET",
      headers: { host: `${host}:${port}`, ...options.headers },
      rejectUnauthorized: false,
      // A new connection per request: the client certificate is a property of the TLS connection.
      agent: false,
      ...(options.clientCert ?? {}),
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("error", reject);
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.end(options.body);
  });

/** `name=value` pairs of a response's Set-Cookie headers, for the next request's Cookie header. */
export const cookiesOf = (response: TResponse): string[] =>
  ((response.headers["set-cookie"] as string[] | undefined) ?? []).map((c) => c.split(";")[0] ?? "").filter((c) => !c.endsWith("="));

const keyPair = () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
};

const certificate = (subject: string, publicKey: forge.pki.PublicKey, issuer: forge.pki.CertificateField[], signer: forge.pki.rsa.PrivateKey, isCa: boolean) => {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `0${randomBytes(8).toString("hex").slice(1)}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer(issuer);
  cert.setExtensions(isCa ? [{ name: "basicConstraints", cA: true }, { name: "keyUsage", keyCertSign: true }] : [{ name: "extKeyUsage", clientAuth: true }]);
  cert.sign(signer, forge.md.sha256.create());
  return cert;
};

/** A device CA, and client certificates it issues (`corrupt`: its signature bytes damaged, so it chains to nothing). */
export const createDeviceCa = (name: string) => {
  const ca = keyPair();
  const caCert = certificate(name, ca.publicKey, [{ name: "commonName", value: name }], ca.key, true);
  const caPem = forge.pki.certificateToPem(caCert);
  const issue = (subject: string, options: Readonly<{ corrupt?: boolean }> = {}) => {
    const device = keyPair();
    const cert = certificate(subject, device.publicKey, caCert.subject.attributes, ca.key, false);
    if (options.corrupt) cert.signature = `${cert.signature.slice(0, -8)}\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007`;
    const pem = forge.pki.certificateToPem(cert);
    return { cert: pem, key: device.pem, serial: new X509Certificate(pem).serialNumber, fingerprint256: new X509Certificate(pem).fingerprint256 };
  };
  return { certPem: caPem, fingerprint256: new X509Certificate(caPem).fingerprint256, issue };
};
