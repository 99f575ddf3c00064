import type { AuditEntry } from "../../repositories/audit-repository";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { Principal } from "../principal";

/** One portal audit row of `actor` acting on a portal user (with the actor's IP). */
export const auditUserAction = (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "ip">; action: AuditEntry["action"]; user: Readonly<{ id: string; email: string }>; details?: AuditEntry["details"] }>,
): Promise<void> => {
  const { actor, user } = options;
  return appendAuditEvent({
    action: options.action,
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "user",
    targetId: user.id,
    targetName: user.email,
    ip: actor.ip,
    details: options.details,
  });
};
