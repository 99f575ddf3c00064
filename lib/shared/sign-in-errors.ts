/**
 * The texts the sign-in page may show, by code. `/login?error=` and next-auth's `{url}` answers carry only
 * a code; an unknown code shows the generic text, so a crafted link cannot put its own words on the page.
 */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Invalid email or password",
  AccountDisabled: "This account is disabled. Ask an admin to enable it.",
  TooManyAttempts: "Too many failed sign-in attempts. Try again later.",
  SessionRequired: "Sign in to continue.",
  // Single sign-on (lib/server/services/auth/sso): refusals by Watchpost, and failures of the provider's answer.
  SsoRequired: "Password sign-in is reserved for break-glass accounts: sign in with single sign-on.",
  SsoNoRole: "Your identity provider account is in no group that has access to Watchpost. Ask an admin to map one of your groups to a role.",
  SsoNoEmail: "The identity provider sent no email address for your account, so Watchpost cannot tell who you are.",
  SsoEmailTaken: "A Watchpost account with your email is linked to another identity provider account. Ask an admin.",
  SsoBreakGlass: "This is a break-glass account: sign in with its password, not single sign-on.",
  SsoTokenAudience: "Single sign-on refused: the identity provider's token was issued for another application (wrong audience). Ask an admin to check the client ID.",
  SsoTokenExpired: "Single sign-on refused: the identity provider's token has expired or is not valid yet. Check the server clocks, then try again.",
  SsoTokenSignature: "Single sign-on refused: the identity provider's token signature does not verify with its published keys.",
  SsoTokenIssuer: "Single sign-on refused: the token came from another issuer than the one configured.",
  SsoTokenRecipient: "Single sign-on refused: the identity provider's response was addressed to another URL than this portal's ACS URL. Ask an admin to check the Reply / ACS URL registered at the identity provider.",
  SsoReplayed: "Single sign-on refused: this sign-in response was already used. Start the sign-in again.",
  SsoStateMismatch: "The single sign-on attempt expired or was started in another tab. Try again.",
  SsoDenied: "The identity provider refused the sign-in.",
  SsoUnavailable: "Single sign-on is not available: it is not configured, or the identity provider cannot be reached.",
  SsoFailed: "Single sign-on failed. Try again, or ask an admin to check the server log.",
} as const;

export type TSignInErrorCode = keyof typeof SIGN_IN_ERRORS;

export const GENERIC_SIGN_IN_ERROR = "Sign-in failed. Try again.";

export const throttleMessage = (retryAfterSeconds: number): string =>
  `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`;

const isSignInErrorCode = (code: string): code is TSignInErrorCode => Object.hasOwn(SIGN_IN_ERRORS, code);

/** The `error` value of a throttled attempt: the code and the seconds to wait (next-auth's client keeps only `error`). */
export const throttledErrorValue = (retryAfterSeconds: number): string => `TooManyAttempts:${Math.ceil(retryAfterSeconds)}`;

/** The text for an `error` value from a URL: a known code, optionally `:<seconds>` for the throttle. */
export const signInErrorText = (value: string | null | undefined): string => {
  const [code = "", seconds] = (value ?? "").split(":");
  if (!isSignInErrorCode(code)) return GENERIC_SIGN_IN_ERROR;
  if (code === "TooManyAttempts" && seconds && /^\d{1,5}$/.test(seconds) && Number(seconds) > 0) return throttleMessage(Number(seconds));
  return SIGN_IN_ERRORS[code];
};

/** The code for a message thrown by the sign-in service. */
export const signInErrorCode = (message: string): TSignInErrorCode => {
  if (message === SIGN_IN_ERRORS.AccountDisabled) return "AccountDisabled";
  if (message === SIGN_IN_ERRORS.SsoRequired) return "SsoRequired";
  if (message.startsWith("Too many failed sign-in attempts")) return "TooManyAttempts";
  return "CredentialsSignin";
};
