import { AppError } from "../../../shared/errors";
import type { TTemporaryPasswordInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword } from "../../crypto/password";
import { revokeActiveApiTokensOfUser } from "../../repositories/api-token-repository";
import { findUserById, setPassword } from "../../repositories/user-repository";
import { findSsoUserById } from "../../repositories/user-sso-repository";
import { forgetCachedPrincipalsOf } from "../auth/principal-cache";
import type { Principal } from "../principal";
import { auditUserAction } from "./audit-user-action";
import { toUserDto } from "./user-dto";

/**
 * An admin resets a user's password to a temporary one (a forgotten password, or a suspected compromise): every
 * session of the user ends, every active API token of the user is revoked (whoever had the password may have
 * made one), and after signing in with it the user must choose a new password before anything else.
 */
export const setTemporaryPassword = async (options: Readonly<{ actor: Principal; id: string; input: TTemporaryPasswordInput; now?: Date }>): Promise<TUserDto> => {
  const { actor, id, input } = options;
  const now = options.now ?? new Date();
  if (!(await findUserById(id))) throw new AppError("not_found", "User not found");
  if (id === actor.userId) throw new AppError("conflict", "Change your own password in Settings → Change password");
  // A user of the identity provider signs in there: a Watchpost password would be a second way in that the IdP
  // (MFA, offboarding) does not control. Break-glass accounts are the exception an admin makes on purpose.
  const sso = await findSsoUserById(id);
  if (sso?.ssoSubject && !sso.breakGlass) {
    throw new AppError("conflict", "This user signs in with single sign-on and has no Watchpost password. Mark them as a break-glass account (Settings → Single sign-on) to give them one.");
  }
  const user = await setPassword(id, { passwordHash: await hashPassword(input.temporaryPassword), mustChangePassword: true, sessionsValidAfter: now });
  const tokensRevoked = await revokeActiveApiTokensOfUser(id, now);
  await forgetCachedPrincipalsOf(id);
  await auditUserAction({ actor, action: "user.password_reset", user, details: { temporary: true, sessionsEnded: true, tokensRevoked } });
  return toUserDto(user);
};
