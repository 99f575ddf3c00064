import { AppError } from "../../../shared/errors";
import type { TUserDto } from "../../../shared/schemas/users";
import { findUserById, setSessionsValidAfter } from "../../repositories/user-repository";
import { forgetCachedPrincipalsOf } from "../auth/principal-cache";
import type { Principal } from "../principal";
import { auditUserAction } from "./audit-user-action";
import { toUserDto } from "./user-dto";

/**
 * An admin ends every browser session of a user (a lost laptop, a departure): sessions signed in before now are
 * refused on their next request. The user's API tokens are not affected (revoke them in Settings → API tokens).
 */
export const signOutEverywhere = async (options: Readonly<{ actor: Principal; id: string; now?: Date }>): Promise<TUserDto> => {
  const { actor, id } = options;
  if (!(await findUserById(id))) throw new AppError("not_found", "User not found");
  const user = await setSessionsValidAfter(id, options.now ?? new Date());
  await forgetCachedPrincipalsOf(id);
  await auditUserAction({ actor, action: "user.signed_out_everywhere", user });
  return toUserDto(user);
};
