import { findUserById } from "../../repositories/user-repository";
import type { Principal } from "../principal";

/** A session is only as good as its user: disabled or deleted users lose access at once, role changes apply at once. */
export const resolveSessionUser = async (options: Readonly<{ userId: string; ip: string | null }>): Promise<Principal | null> => {
  const user = await findUserById(options.userId);
  if (!user || user.disabled) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session", ip: options.ip };
};
