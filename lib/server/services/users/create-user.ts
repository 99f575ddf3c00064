import type { TCreateUserInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword } from "../../crypto/password";
import { createUser as insertUser, findUserByEmail, userEmailTaken } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { auditUserAction } from "./audit-user-action";
import { toUserDto } from "./user-dto";

/** An admin creates a portal user. */
export const createUser = async (options: Readonly<{ actor: Principal; input: TCreateUserInput }>): Promise<TUserDto> => {
  const { actor, input } = options;
  // Checked first so a taken email costs no password hash; a race is the repository's 409 all the same.
  if (await findUserByEmail(input.email)) throw userEmailTaken(input.email);
  const user = await insertUser({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
  await auditUserAction({ actor, action: "user.created", user, details: { role: user.role } });
  return toUserDto(user);
};
