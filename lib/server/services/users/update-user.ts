import { AppError } from "../../../shared/errors";
import type { TUpdateUserInput, TUserDto } from "../../../shared/schemas/users";
import { appendAuditEvent, type AuditEntry } from "../../repositories/audit-repository";
import { countActiveAdmins, findUserById, updateUser as saveUser } from "../../repositories/user-repository";
import { forgetCachedPrincipals } from "../auth/principal-cache";
import type { Principal } from "../principal";
import { toUserDto } from "./user-dto";

/** An admin changes a user's role, name or disabled flag; the last active admin cannot be demoted or disabled. */
export const updateUser = async (options: Readonly<{ actor: Principal; id: string; input: TUpdateUserInput }>): Promise<TUserDto> => {
  const { actor, id, input } = options;
  const before = await findUserById(id);
  if (!before) throw new AppError("not_found", "User not found");

  const losesAdmin = before.role === "admin" && !before.disabled && ((input.role && input.role !== "admin") || input.disabled === true);
  if (losesAdmin && (await countActiveAdmins()) <= 1) {
    throw new AppError("conflict", "This is the last active admin: make another user admin first");
  }
  if (id === actor.userId && input.disabled === true) throw new AppError("conflict", "You cannot disable your own account");

  const after = await saveUser(id, input);
  // A role or disabled flag applies to the user's next request.
  await forgetCachedPrincipals();
  const base = { actorId: actor.userId, actorEmail: actor.email, targetType: "user", targetId: id, targetName: after.email, ip: actor.ip } as const;
  const entries: AuditEntry[] = [];
  if (input.role && input.role !== before.role) entries.push({ ...base, action: "user.role_changed", details: { from: before.role, to: after.role } });
  if (input.disabled !== undefined && input.disabled !== before.disabled) entries.push({ ...base, action: after.disabled ? "user.disabled" : "user.enabled" });
  if (input.name && input.name !== before.name) entries.push({ ...base, action: "user.updated", details: { name: after.name } });
  for (const entry of entries) await appendAuditEvent(entry);
  return toUserDto(after);
};
