import path from "node:path";
import { getEnv } from "../../../env";
import { AppError } from "../../../shared/errors";
import type { TSetupInput, TUserDto } from "../../../shared/schemas/users";
import { hashPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { countUsers, createFirstUser } from "../../repositories/user-repository";
import { consumeSetupCode, isSetupCodeValid } from "../../runtime/setup-code";
import { toUserDto } from "./user-dto";

/** True while no user exists: the only time /setup is available. */
export const isSetupOpen = async (): Promise<boolean> => (await countUsers()) === 0;

const dataDir = () => path.resolve(getEnv().WATCHPOST_DATA_DIR);

/**
 * First run: creates the first admin. Refused (404-like) once any user exists, and without the one-time setup
 * code that `npm start` printed (a field error on `setupCode`), so whoever reaches /setup first cannot take over.
 */
export const setupFirstAdmin = async (options: Readonly<{ input: TSetupInput; ip: string | null }>): Promise<TUserDto> => {
  const { input, ip } = options;
  if (!(await isSetupOpen())) throw new AppError("not_found", "Setup is already complete");
  if (!isSetupCodeValid(dataDir(), input.setupCode)) {
    const reason = input.setupCode ? "Wrong setup code: use the one printed by npm start" : "Enter the setup code printed by npm start";
    throw new AppError("validation_failed", "The setup code is missing or wrong", [{ name: "setupCode", reason }]);
  }
  const user = await createFirstUser({ email: input.email, name: input.name, role: "admin", passwordHash: await hashPassword(input.password) });
  if (!user) throw new AppError("not_found", "Setup is already complete");
  consumeSetupCode(dataDir());
  await appendAuditEvent({ action: "setup.admin_created", actorId: user.id, actorEmail: user.email, targetType: "user", targetId: user.id, targetName: user.email, ip });
  return toUserDto(user);
};
