import { SAML, ValidateInResponseTo, generateServiceProviderMetadata, type CacheProvider } from "@node-saml/node-saml";
import { SAML_ACS_PATH, SAML_METADATA_PATH } from "../../../../shared/schemas/sso";
import { deleteSamlRequest, deleteSamlRequestsBefore, findSamlRequest, saveSamlRequest } from "../../../repositories/saml-request-repository";
import { publicUrl } from "../../notifications/public-url";
import { certificatePem, type TSamlIdpMetadata } from "./saml-metadata";

/** Clock skew tolerated between Watchpost and the IdP, on NotBefore / NotOnOrAfter. */
export const SAML_CLOCK_SKEW_MS = 3 * 60_000;
/** How long an AuthnRequest may wait for its Response (the user signs in at the IdP meanwhile). */
export const SAML_REQUEST_TTL_MS = 15 * 60_000;

/** What to register at the IdP: the SP entity ID (the metadata URL, a common convention) and the ACS URL. */
export const samlSpUrls = (): Readonly<{ entityId: string; acsUrl: string }> => ({ entityId: `${publicUrl()}${SAML_METADATA_PATH}`, acsUrl: `${publicUrl()}${SAML_ACS_PATH}` });

/**
 * node-saml's InResponseTo cache, in Postgres: a Response is accepted only for a request this portal sent, on any
 * web process, once (node-saml removes the ID after the Response, valid or not).
 */
const postgresRequestCache = (now: () => Date): CacheProvider => ({
  async saveAsync(key, value) {
    const createdAt = now();
    await deleteSamlRequestsBefore(new Date(createdAt.getTime() - SAML_REQUEST_TTL_MS));
    await saveSamlRequest(key, createdAt);
    return { value, createdAt: createdAt.getTime() };
  },
  async getAsync(key) {
    const createdAt = await findSamlRequest(key, new Date(now().getTime() - SAML_REQUEST_TTL_MS));
    return createdAt ? createdAt.toISOString() : null;
  },
  async removeAsync(key) {
    if (key === null) return null;
    return (await deleteSamlRequest(key)) ? key : null;
  },
});

/**
 * node-saml configured for the stored IdP: signed assertions required, audience = our entity ID, InResponseTo
 * always checked against the requests we sent, a few minutes of clock skew. The Recipient and the replay of an
 * assertion ID are checked by complete-saml-sign-in.ts (node-saml does not).
 */
export const samlClient = (idp: TSamlIdpMetadata, now: () => Date = () => new Date()): SAML => {
  const { entityId, acsUrl } = samlSpUrls();
  return new SAML({
    entryPoint: idp.ssoUrl,
    issuer: entityId,
    callbackUrl: acsUrl,
    audience: entityId,
    idpCert: idp.certificates.map(certificatePem),
    idpIssuer: idp.entityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
    cacheProvider: postgresRequestCache(now),
    // Let the IdP choose the NameID format; no requested authentication context (an IdP using MFA would refuse "password").
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    disableRequestedAuthnContext: true,
  });
};

/** Watchpost's SP metadata (entity ID, ACS with the HTTP-POST binding, signed assertions wanted): no IdP needed for it. */
export const samlSpMetadataXml = (): string => {
  const { entityId, acsUrl } = samlSpUrls();
  return generateServiceProviderMetadata({
    issuer: entityId,
    callbackUrl: acsUrl,
    wantAssertionsSigned: true,
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
  });
};
