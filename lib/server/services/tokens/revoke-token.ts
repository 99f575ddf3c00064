import { AppError } from "../../../shared/errors";
import { hasRole } from "../../../shared/roles";
import type { TTokenDto } from "../../../shared/schemas/tokens";
import { findApiTokenById, revokeApiToken } from "../../repositories/api-token-repository";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { forgetCachedPrincipals } from "../auth/principal-cache";
import type { Principal } from "../principal";
import { toTokenDto } from "./token-dto";

/** Revokes a token (admins may revoke anyone's). Revoking twice is harmless. */
export const revokeToken = async (options: Readonly<{ actor: Principal; id: string; now?: Date }>): Promise<TTokenDto> => {
  const { actor, id } = options;
  const token = await findApiTokenById(id);
  // Someone else's token is "not found" to non-admins, so ids cannot be probed.
  if (!token || (token.userId !== actor.userId && !hasRole(actor.role, "admin"))) throw new AppError("not_found", "API token not found");
  if (token.revokedAt) return toTokenDto(token);
  const revoked = await revokeApiToken(id, options.now ?? new Date());
  await forgetCachedPrincipals();
  await appendAuditEvent({
    action: "token.revoked",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "api_token",
    targetId: id,
    targetName: token.name,
    ip: actor.ip,
    details: { owner: token.user.email },
  });
  return toTokenDto(revoked);
};
