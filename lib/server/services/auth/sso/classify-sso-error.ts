import type { TSignInErrorCode } from "../../../../shared/sign-in-errors";

// openid-client 5 (inside next-auth) and node-saml describe each token or assertion check that fails in its message.
const CLASSIFIERS: readonly (readonly [RegExp, TSignInErrorCode])[] = [
  [/^SAML provider returned (Responder|Requester|\w+) error/i, "SsoDenied"],
  [/\baud\b|azp|audience/i, "SsoTokenAudience"],
  [/expired|issued too far|not active|not yet valid|no valid subject confirmation|\biat\b|\bnbf\b|in the future/i, "SsoTokenExpired"],
  [/recipient|destination/i, "SsoTokenRecipient"],
  [/replay|already used/i, "SsoReplayed"],
  [/signature|no valid key|unexpected JWT alg|failed to decode JWT/i, "SsoTokenSignature"],
  [/\biss\b|SAML issuer/i, "SsoTokenIssuer"],
  [/state|nonce|code_verifier|pkce|cookie was missing|InResponseTo/i, "SsoStateMismatch"],
  [/^(access_denied|login_required|consent_required|interaction_required|account_selection_required)\b/i, "SsoDenied"],
  [/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|timeout|refused|socket/i, "SsoUnavailable"],
];

/** The sign-in page code for a failure of the OpenID exchange, from its message; SsoFailed when none fits. */
export const classifySsoError = (message: string): TSignInErrorCode => CLASSIFIERS.find(([pattern]) => pattern.test(message))?.[1] ?? "SsoFailed";
