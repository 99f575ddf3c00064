import { X509Certificate, createHash } from "node:crypto";
import xpath from "xpath";
import { z } from "zod";
import { AppError } from "../../../../shared/errors";
import { MAX_SAML_METADATA_BYTES } from "../../../../shared/schemas/sso";
import { parseXml } from "./saml-assertion-facts";
import { assertEndpoint, request, ssoTargetPolicy } from "./oidc-discovery";
import type { TTargetPolicy } from "../../../../net/guarded-fetch";

/** What sign-in needs of the IdP, read from its metadata when the connection is saved. */
export const ZSamlIdpMetadata = z.object({
  entityId: z.string(),
  /** SingleSignOnService with the HTTP-Redirect binding: where the AuthnRequest goes. */
  ssoUrl: z.string(),
  /** Signing certificates, base64 DER (as in the metadata). */
  certificates: z.array(z.string()).min(1),
  metadataUrl: z.string().nullable(),
});
export type TSamlIdpMetadata = z.infer<typeof ZSamlIdpMetadata>;

const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const select = xpath.useNamespaces({ md: MD, ds: "http://www.w3.org/2000/09/xmldsig#" });

const fail = (field: string, message: string): never => {
  throw new AppError("bad_request", message, [{ name: field, reason: message }]);
};

const attr = (node: unknown, name: string): string => (node as Element).getAttribute(name) ?? "";

/** A certificate in the metadata as the PEM node-saml verifies with; throws when it is not an X.509 certificate. */
export const certificatePem = (base64: string): string => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;

export const describeCertificate = (base64: string): Readonly<{ fingerprint: string; notAfter: string | null }> => {
  const der = Buffer.from(base64, "base64");
  const fingerprint = createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)?.join(":") ?? "";
  try {
    return { fingerprint, notAfter: new Date(new X509Certificate(der).validTo).toISOString() };
  } catch {
    return { fingerprint, notAfter: null };
  }
};

/**
 * Reads an IdP's SAML 2.0 metadata (EntityDescriptor, or the first IdP in an EntitiesDescriptor): its entity ID, the
 * HTTP-Redirect sign-in URL and the signing certificates. A document without them is refused with what is missing.
 */
export const parseSamlIdpMetadata = (xml: string, field: string, metadataUrl: string | null = null): TSamlIdpMetadata => {
  if (xml.length > MAX_SAML_METADATA_BYTES) fail(field, "The metadata is larger than 256 KB");
  // A DOCTYPE is refused: no entity expansion from an admin-supplied document.
  if (/<!DOCTYPE/i.test(xml)) fail(field, "The metadata must not contain a DOCTYPE");
  const root = parseXml(xml);
  if (!root) return fail(field, "The metadata is not XML");
  const idp = (select("(/md:EntityDescriptor[md:IDPSSODescriptor] | /md:EntitiesDescriptor//md:EntityDescriptor[md:IDPSSODescriptor])[1]", root) as Node[])[0];
  if (!idp) return fail(field, "This is not SAML 2.0 IdP metadata: no EntityDescriptor with an IDPSSODescriptor");
  const entityId = attr(idp, "entityID").trim();
  if (!entityId) fail(field, "The metadata has no entityID");
  const services = select("md:IDPSSODescriptor/md:SingleSignOnService", idp) as Node[];
  const redirect = services.find((s) => attr(s, "Binding") === REDIRECT_BINDING);
  if (!redirect) fail(field, "The IdP offers no SingleSignOnService with the HTTP-Redirect binding, which Watchpost uses to send its request");
  const ssoUrl = attr(redirect, "Location").trim();
  if (!/^https?:\/\//i.test(ssoUrl)) fail(field, "The IdP's SingleSignOnService Location is not an http(s) URL");
  const keys = select("md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']//ds:X509Certificate", idp) as Node[];
  const certificates = [...new Set(keys.map((k) => (k.textContent ?? "").replace(/\s+/g, "")).filter(Boolean))];
  if (certificates.length === 0) fail(field, "The metadata has no signing certificate: Watchpost accepts signed assertions only");
  for (const cert of certificates) {
    try {
      new X509Certificate(Buffer.from(cert, "base64"));
    } catch {
      fail(field, "A signing certificate in the metadata is not a valid X.509 certificate");
    }
  }
  return { entityId, ssoUrl, certificates, metadataUrl };
};

/** Fetches the IdP metadata from an admin-supplied URL, through the same address rules as OpenID discovery (no redirects). */
export const fetchSamlIdpMetadata = async (url: string, policy: TTargetPolicy = ssoTargetPolicy()): Promise<TSamlIdpMetadata> => {
  await assertEndpoint(url, "metadataUrl", "Metadata URL", policy);
  const response = await request(url, { headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" } }, "metadataUrl", policy, "the metadata URL");
  if (response.status !== 200) fail("metadataUrl", `The metadata URL answered HTTP ${response.status}`);
  const text = await response.text();
  return parseSamlIdpMetadata(text, "metadataUrl", url);
};

/** The sign-in URL must satisfy the same address rules as anything else admin-supplied. */
export const checkSamlSsoUrl = (metadata: TSamlIdpMetadata, field: string, policy: TTargetPolicy = ssoTargetPolicy()): Promise<URL> =>
  assertEndpoint(metadata.ssoUrl, field, "The IdP's sign-in URL", policy);
