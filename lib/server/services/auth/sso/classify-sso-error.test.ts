import { describe, expect, it } from "vitest";
import { classifySsoError } from "./classify-sso-error";

// The messages openid-client 5 (inside next-auth) and next-auth's checks throw, as they read.
describe("classifySsoError", () => {
  it.each([
    ["aud mismatch, expected watchpost, got: another-application", "SsoTokenAudience"],
    ["missing required JWT property azp", "SsoTokenAudience"],
    ["JWT expired, now 1765120000, exp 1765116400", "SsoTokenExpired"],
    ["JWT issued too far in the past, now 1765120000, iat 1765000000", "SsoTokenExpired"],
    ["failed to validate JWT signature", "SsoTokenSignature"],
    ["unexpected JWT alg received, expected RS256, got: HS256", "SsoTokenSignature"],
    ["unexpected iss value, expected https://idp.example, got: https://evil.example", "SsoTokenIssuer"],
    ["state mismatch, expected abc, got: def", "SsoStateMismatch"],
    ["PKCE code_verifier cookie was missing.", "SsoStateMismatch"],
    ["access_denied", "SsoDenied"],
    ["connect ECONNREFUSED 127.0.0.1:4790", "SsoUnavailable"],
    ["invalid_client (client authentication failed)", "SsoFailed"],
    // node-saml 5
    ["SAML assertion audience mismatch. Expected: https://wp.example/api/v1/sso/saml/metadata Received: other", "SsoTokenAudience"],
    ["SAML assertion expired: clocks skewed too much", "SsoTokenExpired"],
    ["SAML assertion not yet valid", "SsoTokenExpired"],
    ["No valid subject confirmation found among those available in the SAML assertion", "SsoTokenExpired"],
    ["Invalid signature", "SsoTokenSignature"],
    ["InResponseTo is not valid", "SsoStateMismatch"],
    ["InResponseTo is missing from response", "SsoStateMismatch"],
    ["SAML provider returned Responder error: AuthnFailed", "SsoDenied"],
    ["Unknown SAML issuer. Expected: a Received: b", "SsoTokenIssuer"],
  ] as const)("%s → %s", (message, code) => {
    expect(classifySsoError(message)).toBe(code);
  });
});
