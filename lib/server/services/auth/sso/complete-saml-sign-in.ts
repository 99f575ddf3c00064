import type { Profile } from "@node-saml/node-saml";
import type { TSignInErrorCode } from "../../../../shared/sign-in-errors";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { forgetSamlAssertionsBefore, isSamlAssertionRemembered, rememberSamlAssertion } from "../../../repositories/saml-assertion-repository";
import { logger } from "../../../logger";
import { classifySsoError } from "./classify-sso-error";
import { readAssertionFacts, readSamlResponseFacts } from "./saml-assertion-facts";
import { SAML_CLOCK_SKEW_MS, samlClient, samlSpUrls } from "./saml-service-provider";
import { signInWithSso, type TSsoSignInResult } from "./sign-in-with-sso";
import { loadSamlProviderConfig } from "./sso-config";

/** An assertion without NotOnOrAfter (unusual) is remembered this long. */
const DEFAULT_REMEMBER_MS = 24 * 60 * 60_000;

const EMAIL_ATTRIBUTES = ["email", "mail", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"];
const NAME_ATTRIBUTES = ["http://schemas.microsoft.com/identity/claims/displayname", "displayName", "displayname", "name", "cn", "urn:oid:2.16.840.1.113730.3.1.241"];

const firstString = (value: unknown): string | undefined => (typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined);

/** The claims signInWithSso reads, from a verified assertion: NameID as subject, email and name from the usual attributes. */
const claimsOf = (profile: Profile, groupsAttribute: string): Record<string, unknown> => {
  const email = EMAIL_ATTRIBUTES.map((a) => firstString(profile[a])).find(Boolean) ?? (/^[^@\s]+@[^@\s]+$/.test(profile.nameID) ? profile.nameID : undefined);
  return {
    sub: profile.nameID,
    email,
    name: NAME_ATTRIBUTES.map((a) => firstString(profile[a])).find(Boolean),
    [groupsAttribute]: profile[groupsAttribute],
  };
};

export type TSamlSignInResult = TSsoSignInResult & Readonly<{ relayState: string | null }>;

/**
 * The ACS: validates the IdP's HTTP-POST Response and signs the user in. node-saml verifies the assertion's signature
 * (unsigned is refused), audience, timestamps (3 minutes of skew) and InResponseTo; this adds the issuer, the
 * Recipient (our ACS URL) and replay (assertion IDs kept in Postgres until NotOnOrAfter). Refusals are audited.
 */
export const completeSamlSignIn = async (options: Readonly<{ samlResponse: string; relayState: string | null; ip: string | null; now?: () => Date }>): Promise<TSamlSignInResult> => {
  const { ip, relayState } = options;
  const now = options.now ?? (() => new Date());
  const refuse = async (code: TSignInErrorCode, detail: string, subject: string | null = null): Promise<TSamlSignInResult> => {
    logger.warn({ reason: code, detail: detail.slice(0, 300) }, "single sign-on refused (SAML)");
    await appendAuditEvent({ action: "auth.sso_refused", ip, details: { protocol: "saml", reason: code, detail: detail.slice(0, 300), subject } });
    return { ok: false, code, relayState };
  };
  const config = await loadSamlProviderConfig().catch((error: unknown) => {
    logger.error({ err: error }, "single sign-on: the stored SAML configuration cannot be used");
    return null;
  });
  if (!config) return refuse("SsoUnavailable", "no SAML connection is configured");
  const { acsUrl } = samlSpUrls();
  const facts = readSamlResponseFacts(options.samlResponse);
  if (!facts) return refuse("SsoFailed", "the SAMLResponse is not XML");
  // Early and readable; the decisive replay check is the insert below, after the signature verified.
  if (facts.assertionId && facts.issuer && (await isSamlAssertionRemembered(facts.issuer, facts.assertionId))) return refuse("SsoReplayed", `assertion ${facts.assertionId.slice(0, 80)} was already used`);
  if (facts.destination !== null && facts.destination !== acsUrl) return refuse("SsoTokenRecipient", `Destination ${facts.destination.slice(0, 200)} is not ${acsUrl}`);

  let profile: Profile | null;
  try {
    ({ profile } = await samlClient(config.idp, now).validatePostResponseAsync({ SAMLResponse: options.samlResponse }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unsigned = !facts.isAssertionSigned && /signature/i.test(message) ? " (the assertion is not signed)" : "";
    return refuse(classifySsoError(message), `${message}${unsigned}`);
  }
  if (!profile) return refuse("SsoDenied", "the IdP answered without an assertion");
  if (profile.issuer !== config.idp.entityId) return refuse("SsoTokenIssuer", `issuer ${String(profile.issuer).slice(0, 200)} is not ${config.idp.entityId}`, profile.nameID);
  const assertion = readAssertionFacts(profile.getAssertionXml?.() ?? "");
  if (!assertion.recipients.includes(acsUrl)) return refuse("SsoTokenRecipient", `Recipient ${assertion.recipients.join(", ").slice(0, 200) || "(none)"} is not ${acsUrl}`, profile.nameID);
  if (!assertion.id) return refuse("SsoFailed", "the assertion has no ID", profile.nameID);
  const at = now();
  await forgetSamlAssertionsBefore(new Date(at.getTime() - SAML_CLOCK_SKEW_MS));
  const notOnOrAfter = new Date((assertion.notOnOrAfter?.getTime() ?? at.getTime() + DEFAULT_REMEMBER_MS) + SAML_CLOCK_SKEW_MS);
  if (!(await rememberSamlAssertion({ issuer: config.idp.entityId, id: assertion.id, notOnOrAfter }))) return refuse("SsoReplayed", `assertion ${assertion.id.slice(0, 80)} was already used`, profile.nameID);

  const result = await signInWithSso({ claims: claimsOf(profile, config.policy.groupsClaim), policy: config.policy, ip, now: at });
  return { ...result, relayState };
};
