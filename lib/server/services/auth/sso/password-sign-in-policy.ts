import { isSsoRequired } from "../../../repositories/sso-config-repository";
import { findSsoUserById } from "../../../repositories/user-sso-repository";

/** Whether this user may sign in with a password now: always, unless SSO is required and the account is not break-glass. */
export const isPasswordSignInAllowed = async (userId: string): Promise<boolean> => {
  if (!(await isSsoRequired())) return true;
  return (await findSsoUserById(userId))?.breakGlass === true;
};
