import { X509Certificate } from "node:crypto";
import forge from "node-forge";
import { certificateFacts, type TCertificateFacts } from "./certificates";

const BEGIN_CERT = /-----BEGIN CERTIFICATE-----/g;
const BASIC_CONSTRAINTS_OID = "2.5.29.19";

export type TCaPemCheck = Readonly<{ ok: true; certPem: string; facts: TCertificateFacts }> | Readonly<{ ok: false; reason: string }>;

/**
 * Whether the certificate carries a basicConstraints extension, read from the DER (Node tells CA:TRUE, not whether
 * the extension is there; node-forge's certificate parser refuses non-RSA keys, its ASN.1 reader does not).
 */
const hasBasicConstraints = (der: Buffer): boolean => {
  const cert = forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary")));
  const tbs = (cert.value as forge.asn1.Asn1[])[0];
  const explicit = (tbs?.value as forge.asn1.Asn1[] | undefined)?.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  const extensions = ((explicit?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value ?? []) as forge.asn1.Asn1[];
  return extensions.some((ext) => {
    const oid = (ext.value as forge.asn1.Asn1[])[0];
    return typeof oid?.value === "string" && forge.asn1.derToOid(oid.value) === BASIC_CONSTRAINTS_OID;
  });
};

/**
 * Checks a PEM an admin uploads as a trusted device CA: exactly one certificate, no private key, a CA
 * (basicConstraints CA:TRUE when the extension is present: old v1 roots have none), valid now. Each refusal is a
 * sentence for the form.
 */
export const checkCaPem = (pem: string, now: Date): TCaPemCheck => {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    return { ok: false, reason: "This is a private key: upload the CA's certificate only, and keep its key where it is" };
  }
  const count = pem.match(BEGIN_CERT)?.length ?? 0;
  if (count === 0) return { ok: false, reason: "Not a PEM certificate: paste text that starts with -----BEGIN CERTIFICATE-----" };
  if (count > 1) return { ok: false, reason: "The PEM holds more than one certificate: upload one CA certificate at a time" };
  const block = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!block) return { ok: false, reason: "The certificate is incomplete: its -----END CERTIFICATE----- line is missing" };
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(block);
  } catch {
    return { ok: false, reason: "The certificate cannot be read: its base64 content is damaged or it is not an X.509 certificate" };
  }
  if (!x509.ca && hasBasicConstraints(x509.raw)) {
    return { ok: false, reason: "This certificate is not a CA (its basicConstraints says CA:FALSE): upload the certificate of the CA that issues your device certificates" };
  }
  const facts = certificateFacts(x509.toString());
  if (facts.notAfter.getTime() <= now.getTime()) return { ok: false, reason: `This CA certificate expired on ${facts.notAfter.toISOString().slice(0, 10)}` };
  if (facts.notBefore.getTime() > now.getTime()) return { ok: false, reason: `This CA certificate is not valid before ${facts.notBefore.toISOString().slice(0, 10)}` };
  return { ok: true, certPem: x509.toString(), facts };
};
