import type { TUserDto } from "../../../shared/schemas/users";
import type { UserRecord } from "../../repositories/user-repository";

export const toUserDto = (user: UserRecord): TUserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt.toISOString(),
  lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  mustChangePassword: user.mustChangePassword,
});
