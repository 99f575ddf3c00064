import { AppError } from "../../../shared/errors";
import { ZLoginInput } from "../../../shared/schemas/users";
import { getDummyHash, verifyPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { clearLoginFailures, recordLoginFailure } from "../../repositories/login-failure-repository";
import { findCredentialsByEmail, touchLastLogin } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { checkSignInAllowed, throttleMessage } from "./login-throttle";

export type SignInOptions = Readonly<{ email: unknown; password: unknown; ip: string; now?: Date }>;

const INVALID = "Invalid email or password";

/**
 * Checks credentials with throttling (per email and per IP) and writes the portal audit trail.
 * Throws AppError unauthenticated / rate_limited with a message fit for the sign-in form.
 */
export const signIn = async (options: SignInOptions): Promise<Principal> => {
  const now = options.now ?? new Date();
  const parsed = ZLoginInput.safeParse({ email: options.email, password: options.password });
  if (!parsed.success) throw new AppError("unauthenticated", INVALID);
  const { email, password } = parsed.data;
  const { ip } = options;

  const throttle = await checkSignInAllowed({ email, ip, now });
  if (throttle.isLimited) {
    throw new AppError("rate_limited", throttleMessage(throttle.retryAfterSeconds), [], throttle.retryAfterSeconds);
  }

  const user = await findCredentialsByEmail(email);
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user || !isValid || user.disabled) {
    await recordLoginFailure(email, ip, now);
    const reason = !user ? "unknown_email" : !isValid ? "wrong_password" : "user_disabled";
    await appendAuditEvent({ action: "auth.sign_in_failed", actorId: user?.id, actorEmail: email, ip, details: { reason } });
    throw new AppError("unauthenticated", user?.disabled && isValid ? "This account is disabled. Ask an admin to enable it." : INVALID);
  }

  await Promise.all([
    clearLoginFailures(email),
    touchLastLogin(user.id, now),
    appendAuditEvent({ action: "auth.sign_in", actorId: user.id, actorEmail: user.email, ip }),
  ]);
  return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session", ip };
};
