// A real SAML 2.0 identity provider for tests, on loopback: it serves its metadata, reads the AuthnRequest of the
// HTTP-Redirect binding, shows a sign-in form and answers with a Response in the HTTP-POST binding whose assertion
// it signs with xml-crypto (as node-saml's own tests build theirs) and a test key. A "tamper" mode issues the next
// Responses with a wrong audience, an expiry in the past, another key's signature, no signature, or another Recipient.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inflateRawSync } from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import forge from "node-forge";
import { SignedXml } from "xml-crypto";
import xpath from "xpath";

export type TSamlTestUser = Readonly<{ email: string; name: string; groups: readonly string[] }>;
export type TSamlTamper = "none" | "audience" | "expired" | "signature" | "unsigned" | "recipient";

export type TSamlTestIdp = Readonly<{
  entityId: string;
  metadataUrl: string;
  metadataXml: string;
  setTamper: (mode: TSamlTamper) => void;
  /** Adds or replaces a user; the login name is the NameID. */
  setUser: (login: string, user: TSamlTestUser) => void;
  /** What the IdP would post to the ACS for `login`, answering the AuthnRequest in `authorizeUrl` (no browser). */
  respond: (authorizeUrl: string, login: string) => Readonly<{ acsUrl: string; samlResponse: string; relayState: string | null }>;
  close: () => Promise<void>;
}>;

const PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
const select = xpath.useNamespaces({ samlp: PROTOCOL, saml: ASSERTION });

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const newId = () => `_${randomBytes(16).toString("hex")}`;

/** An RSA key and a self-signed certificate for it (node-forge builds the certificate). */
const keyAndCertificate = (commonName: string) => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = randomBytes(8).toString("hex").replace(/^[89a-f]/, "1");
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: "commonName", value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { keyPem, certPem, certBase64: certPem.replace(/-----[^-]+-----|\s/g, "") };
};

type TRequest = Readonly<{ id: string; acsUrl: string; spEntityId: string }>;

/** The AuthnRequest of an HTTP-Redirect URL: base64 of raw DEFLATE. */
const readAuthnRequest = (samlRequest: string): TRequest => {
  const xml = inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
  const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as Node;
  const attr = (path: string) => (select(path, doc) as Attr[])[0]?.value ?? "";
  return { id: attr("/samlp:AuthnRequest/@ID"), acsUrl: attr("/samlp:AuthnRequest/@AssertionConsumerServiceURL"), spEntityId: (select("string(/samlp:AuthnRequest/saml:Issuer)", doc) as string).trim() };
};

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
};

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test SAML IdP</title></head><body>${body}</body></html>`);
};

/** Starts the IdP on 127.0.0.1:`port` (0: any free port) with the given users. */
export const startSamlTestIdp = async (options: Readonly<{ port?: number; users: Readonly<Record<string, TSamlTestUser>> }>): Promise<TSamlTestIdp> => {
  const users = new Map(Object.entries(options.users));
  const signing = keyAndCertificate("Watchpost test SAML IdP");
  const stranger = keyAndCertificate("Someone else");
  let tamper: TSamlTamper = "none";
  let origin = "";
  const entityId = () => `${origin}/metadata`;

  const metadataXml = () =>
    `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escape(entityId())}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${PROTOCOL}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${signing.certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escape(origin)}/sso"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escape(origin)}/sso"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;

  const buildResponse = (request: TRequest, login: string): string => {
    const user = users.get(login);
    if (!user) throw new Error(`unknown test user ${login}`);
    const now = Date.now();
    const shift = tamper === "expired" ? -2 * 3_600_000 : 0;
    const at = (offsetMs: number) => new Date(now + shift + offsetMs).toISOString();
    const audience = tamper === "audience" ? "https://another-service.example/saml" : request.spEntityId;
    const recipient = tamper === "recipient" ? "https://another-service.example/saml/acs" : request.acsUrl;
    const attribute = (name: string, values: readonly string[]) =>
      `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values.map((v) => `<saml:AttributeValue>${escape(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`;
    const assertion =
      `<saml:Assertion xmlns:saml="${ASSERTION}" ID="${newId()}" Version="2.0" IssueInstant="${at(0)}">` +
      `<saml:Issuer>${escape(entityId())}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${escape(login)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${escape(request.id)}" NotOnOrAfter="${at(5 * 60_000)}" Recipient="${escape(recipient)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${at(-60_000)}" NotOnOrAfter="${at(5 * 60_000)}"><saml:AudienceRestriction><saml:Audience>${escape(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${at(0)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attribute("email", [user.email])}${attribute("displayName", [user.name])}${user.groups.length ? attribute("groups", user.groups) : ""}</saml:AttributeStatement>` +
      `</saml:Assertion>`;
    const response =
      `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${newId()}" Version="2.0" IssueInstant="${at(0)}" Destination="${escape(request.acsUrl)}" InResponseTo="${escape(request.id)}">` +
      `<saml:Issuer>${escape(entityId())}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
    if (tamper === "unsigned") return Buffer.from(response).toString("base64");
    const key = tamper === "signature" ? stranger : signing;
    const signer = new SignedXml({
      privateKey: key.keyPem,
      publicCert: key.certPem,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    signer.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    // The signature goes right after the assertion's Issuer, where the SAML schema puts it.
    signer.computeSignature(response, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" } });
    return Buffer.from(signer.getSignedXml()).toString("base64");
  };

  const respond = (authorizeUrl: string, login: string) => {
    const url = new URL(authorizeUrl);
    const request = readAuthnRequest(url.searchParams.get("SAMLRequest") ?? "");
    return { acsUrl: request.acsUrl, samlResponse: buildResponse(request, login), relayState: url.searchParams.get("RelayState") };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      if (req.method === "GET" && url.pathname === "/metadata") {
        res.writeHead(200, { "content-type": "application/samlmetadata+xml" });
        return res.end(metadataXml());
      }
      if (req.method === "GET" && url.pathname === "/sso") {
        const hidden = (name: string) => `<input type="hidden" name="${name}" value="${escape(url.searchParams.get(name) ?? "")}">`;
        return html(
          res,
          `<h1>Test SAML IdP</h1><form method="post" action="/sso">${hidden("SAMLRequest")}${hidden("RelayState")}` +
            `<label>Username <input name="login" autocomplete="off"></label> <button type="submit">Sign in</button></form>`,
        );
      }
      if (req.method === "POST" && url.pathname === "/sso") {
        const form = await readForm(req);
        const login = form.get("login") ?? "";
        if (!users.has(login)) return html(res, `<p role="alert">Unknown user</p>`);
        const request = readAuthnRequest(form.get("SAMLRequest") ?? "");
        const relay = form.get("RelayState");
        // The HTTP-POST binding: the browser posts the Response to the SP's ACS (here with a visible button and a script).
        return html(
          res,
          `<form id="post" method="post" action="${escape(request.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${buildResponse(request, login)}">` +
            `${relay ? `<input type="hidden" name="RelayState" value="${escape(relay)}">` : ""}<button type="submit">Continue to the service</button></form>` +
            `<script>document.getElementById("post").submit()</script>`,
        );
      }
      res.writeHead(404).end();
    })().catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    entityId: entityId(),
    metadataUrl: `${origin}/metadata`,
    metadataXml: metadataXml(),
    setTamper: (mode) => {
      tamper = mode;
    },
    setUser: (login, user) => users.set(login, user),
    respond,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
