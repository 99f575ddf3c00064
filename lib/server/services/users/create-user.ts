import { AppError } from "../../../shared/errors";
import type { TCreateUserInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword } from "../../crypto/password";
import { createUser as insertUser, findUserByEmail } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { auditUserAction } from "./audit-user-action";
import { toUserDto } from "./user-dto";

export const duplicateEmailError = (email: string) =>
  new AppError("conflict", `A user with the email ${email} already exists`, [{ name: "email", reason: "already in use" }]);

/** An admin creates a portal user. */
export const createUser = async (options: Readonly<{ actor: Principal; input: TCreateUserInput }>): Promise<TUserDto> => {
  const { actor, input } = options;
  if (await findUserByEmail(input.email)) throw duplicateEmailError(input.email);
  const user = await insertUser({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) }).catch(
    (error: unknown) => {
      // Two admins racing on the same email: the unique index decides.
      if ((error as { code?: string }).code === "P2002") throw duplicateEmailError(input.email);
      throw error;
    },
  );
  await auditUserAction({ actor, action: "user.created", user, details: { role: user.role } });
  return toUserDto(user);
};
