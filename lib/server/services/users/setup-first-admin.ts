import { AppError } from "../../../shared/errors";
import type { TSetupInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { countUsers, createFirstUser } from "../../repositories/user-repository";
import { toUserDto } from "./user-dto";

/** True while no user exists: the only time /setup is available. */
export const isSetupOpen = async (): Promise<boolean> => (await countUsers()) === 0;

/** First run: creates the first admin. Refused (404-like) once any user exists. */
export const setupFirstAdmin = async (options: Readonly<{ input: TSetupInput; ip: string | null }>): Promise<TUserDto> => {
  const { input, ip } = options;
  const user = await createFirstUser({ email: input.email, name: input.name, role: "admin", passwordHash: await hashPassword(input.password) });
  if (!user) throw new AppError("not_found", "Setup is already complete");
  await appendAuditEvent({ action: "setup.admin_created", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id, targetName: user.email, ip });
  return toUserDto(user);
};
