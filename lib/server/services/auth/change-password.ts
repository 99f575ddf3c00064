import { AppError } from "../../../shared/errors";
import type { TChangePasswordInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword, verifyPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { findCredentialsById, setPassword } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { auditUserAction } from "../users/audit-user-action";
import { toUserDto } from "../users/user-dto";
import { releaseSignInAttempt, reserveSignInAttempt, throttleMessage } from "./login-throttle";
import { forgetCachedPrincipalsOf } from "./principal-cache";
import { isNoPasswordHash } from "./sso/sign-in-with-sso";
import { newSessionClaims, type SessionClaims } from "./session-claims";

export type ChangePasswordOptions = Readonly<{ actor: Principal; input: TChangePasswordInput; now?: Date }>;

/**
 * A signed-in user changes their own password, proving the current one. A wrong current password counts as a
 * failed sign-in (the same throttle: a stolen session cannot guess it at leisure). Every session of the user
 * ends; the caller's goes on as the new session returned here (the route sets its cookie). Personal API tokens
 * are kept: they are credentials of their own, listed and revoked in Settings → API tokens.
 */
export const changePassword = async (options: ChangePasswordOptions): Promise<{ user: TUserDto; session: SessionClaims }> => {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  if (actor.via !== "session") throw new AppError("forbidden", "Change your password signed in to the portal; an API token cannot");
  const ip = actor.ip ?? "unknown";
  const reservation = await reserveSignInAttempt({ email: actor.email, ip, now });
  if (reservation.throttle.isLimited) {
    const seconds = reservation.throttle.retryAfterSeconds;
    throw new AppError("rate_limited", throttleMessage(seconds), [], seconds);
  }
  const credentials = await findCredentialsById(actor.userId);
  if (credentials && isNoPasswordHash(credentials.passwordHash)) {
    await releaseSignInAttempt(reservation);
    throw new AppError("conflict", "Your account signs in with single sign-on: it has no Watchpost password to change. Your identity provider manages it.");
  }
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    // The reserved attempt stays as the failure.
    await appendAuditEvent({ action: "auth.password_change_failed", actorId: actor.userId, actorEmail: actor.email, ip, details: { reason: "wrong_password" } });
    throw new AppError("validation_failed", "The current password is wrong", [{ name: "currentPassword", reason: "The current password is wrong" }]);
  }
  await releaseSignInAttempt(reservation);
  const user = await setPassword(actor.userId, { passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, sessionsValidAfter: now });
  await forgetCachedPrincipalsOf(actor.userId);
  await auditUserAction({
    actor: { ...actor, ip },
    action: "user.password_changed",
    user,
    details: { wasTemporary: credentials.mustChangePassword, otherSessionsEnded: true, tokensKept: true },
  });
  // Signed in "now", like sessions_valid_after: this session is the one that survives.
  return { user: toUserDto(user), session: newSessionClaims(actor.userId, now) };
};
