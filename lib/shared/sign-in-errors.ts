/**
 * The texts the sign-in page may show, by code. `/login?error=` and next-auth's `{url}` answers carry only
 * a code; an unknown code shows the generic text, so a crafted link cannot put its own words on the page.
 */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Invalid email or password",
  AccountDisabled: "This account is disabled. Ask an admin to enable it.",
  TooManyAttempts: "Too many failed sign-in attempts. Try again later.",
  SessionRequired: "Sign in to continue.",
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
  if (message.startsWith("Too many failed sign-in attempts")) return "TooManyAttempts";
  return "CredentialsSignin";
};
