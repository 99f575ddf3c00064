import { AppError } from "../../../../shared/errors";
import type { TSsoSettingsDto } from "../../../../shared/schemas/sso";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { isSsoRequired } from "../../../repositories/sso-config-repository";
import { countBreakGlassAdmins, findSsoUserById, setBreakGlass } from "../../../repositories/user-sso-repository";
import type { Principal } from "../../principal";
import { getSsoSettings } from "./sso-config";

/** Marks or unmarks a break-glass account (password sign-in while SSO is required); audited. */
export const setUserBreakGlass = async (options: Readonly<{ actor: Principal; userId: string; isBreakGlass: boolean }>): Promise<TSsoSettingsDto> => {
  const { actor, userId, isBreakGlass } = options;
  const user = await findSsoUserById(userId);
  if (!user) throw new AppError("not_found", "User not found");
  if (user.breakGlass === isBreakGlass) return getSsoSettings();
  const isLastAdmin = !isBreakGlass && user.role === "admin" && !user.disabled && (await countBreakGlassAdmins()) <= 1;
  if (isLastAdmin && (await isSsoRequired())) throw new AppError("conflict", "This is the last break-glass admin while single sign-on is required: turn Require SSO off first");
  await setBreakGlass(userId, isBreakGlass);
  await appendAuditEvent({
    action: "user.break_glass_changed",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "user",
    targetId: userId,
    targetName: user.email,
    ip: actor.ip,
    details: { breakGlass: isBreakGlass },
  });
  return getSsoSettings();
};
