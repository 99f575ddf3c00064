import { DOMParser } from "@xmldom/xmldom";
import xpath from "xpath";

const select = xpath.useNamespaces({ saml: "urn:oasis:names:tc:SAML:2.0:assertion", samlp: "urn:oasis:names:tc:SAML:2.0:protocol", ds: "http://www.w3.org/2000/09/xmldsig#" });

const throwing = (message: string) => {
  throw new Error(message);
};

/** The document element of `xml`, or null when it is not well-formed XML or has a DOCTYPE (no entity expansion). */
export const parseXml = (xml: string): Node | null => {
  if (/<!DOCTYPE/i.test(xml)) return null;
  try {
    const doc = new DOMParser({ errorHandler: { error: throwing, fatalError: throwing } }).parseFromString(xml, "text/xml");
    return (doc.documentElement as unknown as Node | null) ?? null;
  } catch {
    return null;
  }
};

const values = (node: Node, path: string): string[] => (select(path, node) as Attr[]).map((a) => a.value);

/** What Watchpost reads of a Response besides node-saml's checks: before verification only to refuse early (never to accept). */
export type TSamlResponseFacts = Readonly<{
  assertionId: string | null;
  issuer: string | null;
  destination: string | null;
  isAssertionSigned: boolean;
}>;

export const readSamlResponseFacts = (base64Response: string): TSamlResponseFacts | null => {
  const root = parseXml(Buffer.from(base64Response, "base64").toString("utf8"));
  if (!root) return null;
  return {
    assertionId: values(root, "/samlp:Response/saml:Assertion/@ID")[0] ?? null,
    issuer: (select("string(/samlp:Response/saml:Assertion/saml:Issuer)", root) as string).trim() || null,
    destination: values(root, "/samlp:Response/@Destination")[0] ?? null,
    isAssertionSigned: (select("/samlp:Response/saml:Assertion/ds:Signature", root) as Node[]).length > 0,
  };
};

/** Of a verified assertion: its ID, the bearer confirmations' Recipients, and when it stops being valid. */
export const readAssertionFacts = (assertionXml: string): Readonly<{ id: string | null; recipients: string[]; notOnOrAfter: Date | null }> => {
  const root = parseXml(assertionXml);
  if (!root) return { id: null, recipients: [], notOnOrAfter: null };
  const confirmations = "/saml:Assertion/saml:Subject/saml:SubjectConfirmation[@Method='urn:oasis:names:tc:SAML:2.0:cm:bearer']/saml:SubjectConfirmationData";
  const times = [...values(root, "/saml:Assertion/saml:Conditions/@NotOnOrAfter"), ...values(root, `${confirmations}/@NotOnOrAfter`)]
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t));
  return {
    id: values(root, "/saml:Assertion/@ID")[0] ?? null,
    recipients: values(root, `${confirmations}/@Recipient`),
    notOnOrAfter: times.length ? new Date(Math.max(...times)) : null,
  };
};
