import { AppError } from "../../../shared/errors";
import { ZEmail } from "../../../shared/schemas/users";
import { ZCreateTokenInput } from "../../../shared/schemas/tokens";
import { findUserByEmail } from "../../repositories/user-repository";
import { createToken } from "./create-token";

/** For the CLI (automation): a token for an existing, enabled user, with that user's role. */
export const createTokenForEmail = async (options: Readonly<{ email: string; name: string }>) => {
  const email = ZEmail.safeParse(options.email);
  if (!email.success) throw new AppError("validation_failed", `Invalid email: ${options.email}`);
  const input = ZCreateTokenInput.safeParse({ name: options.name });
  if (!input.success) throw new AppError("validation_failed", input.error.issues[0]?.message ?? "Invalid token name");
  const user = await findUserByEmail(email.data);
  if (!user) throw new AppError("not_found", `No Watchpost user with the email ${email.data}`);
  if (user.disabled) throw new AppError("conflict", `${email.data} is disabled`);
  const created = await createToken({ actor: { userId: user.id, email: user.email, ip: "cli" }, input: input.data });
  return { ...created, role: user.role };
};
