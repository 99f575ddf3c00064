import { AppError } from "../../../shared/errors";
import { ZLoginInput } from "../../../shared/schemas/users";
import { SIGN_IN_ERRORS } from "../../../shared/sign-in-errors";
import { getDummyHash, verifyPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { clearLoginFailures } from "../../repositories/login-failure-repository";
import { findCredentialsByEmail, touchLastLogin } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { reserveSignInAttempt, throttleMessage, type SignInReservation } from "./login-throttle";
import { isPasswordSignInAllowed } from "./sso/password-sign-in-policy";

export type SignInOptions = Readonly<{
  email: unknown;
  password: unknown;
  ip: string;
  now?: Date;
  /** An attempt the caller already reserved (the sign-in route does, to answer 429); reserved here otherwise. */
  reservation?: SignInReservation;
}>;

const INVALID = SIGN_IN_ERRORS.CredentialsSignin;

/**
 * Checks credentials with throttling (per email and per IP) and writes the portal audit trail. The attempt
 * is reserved (counted as a failure) before the password is checked, so concurrent guesses cannot outrun
 * the limit; a success clears the email's failures.
 * Throws AppError unauthenticated / rate_limited with a message fit for the sign-in form.
 */
export const signIn = async (options: SignInOptions): Promise<Principal> => {
  const now = options.now ?? new Date();
  const parsed = ZLoginInput.safeParse({ email: options.email, password: options.password });
  if (!parsed.success) throw new AppError("unauthenticated", INVALID);
  const { email, password } = parsed.data;
  const { ip } = options;

  const given = options.reservation;
  const reservation = given && given.email === email && given.ip === ip ? given : await reserveSignInAttempt({ email, ip, now });
  if (reservation.throttle.isLimited) {
    const seconds = reservation.throttle.retryAfterSeconds;
    throw new AppError("rate_limited", throttleMessage(seconds), [], seconds);
  }

  const user = await findCredentialsByEmail(email);
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !isValid || user.disabled) {
    // The reserved row is the failure: nothing more to count.
    const reason = !user ? "unknown_email" : !isValid ? "wrong_password" : "user_disabled";
    await appendAuditEvent({ action: "auth.sign_in_failed", actorId: user?.id, actorEmail: email, ip, details: { reason } });
    throw new AppError("unauthenticated", user?.disabled && isValid ? SIGN_IN_ERRORS.AccountDisabled : INVALID);
  }

  // Require SSO: a right password still counts as a failure unless the account is break-glass.
  if (!(await isPasswordSignInAllowed(user.id))) {
    await appendAuditEvent({ action: "auth.sign_in_failed", actorId: user.id, actorEmail: email, ip, details: { reason: "sso_required" } });
    throw new AppError("unauthenticated", SIGN_IN_ERRORS.SsoRequired);
  }

  await Promise.all([
    clearLoginFailures(email),
    touchLastLogin(user.id, now),
    appendAuditEvent({ action: "auth.sign_in", actorId: user.id, actorEmail: user.email, ip }),
  ]);
  return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session", ip };
};
