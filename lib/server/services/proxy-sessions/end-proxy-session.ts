import { AppError } from "../../../shared/errors";
import type { TProxySessionDto } from "../../../shared/schemas/proxy-sessions";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { endProxySession, findProxySession } from "../../repositories/proxy-session-repository";
import type { Principal } from "../principal";
import { toProxySessionDto } from "./list-proxy-sessions";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

/**
 * **End session**: the proxy sees ended_at at the session's next request, drops the site's cookies and sends the
 * user to sign in again. Ending an ended session changes nothing and is not audited twice.
 */
export const endProxySessionForActor = async (options: Readonly<{ actor: Actor; id: string }>): Promise<TProxySessionDto> => {
  const { actor, id } = options;
  const now = new Date();
  const hasEnded = await endProxySession({ id, actorId: actor.userId, at: now });
  const session = await findProxySession(id);
  if (!session) throw new AppError("not_found", "Session not found");
  if (hasEnded) {
    await appendAuditEvent({
      action: "proxy_session.ended",
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: "proxy_session",
      targetId: session.id,
      targetName: session.userEmail ?? "anonymous",
      ip: actor.ip,
      details: { siteHost: session.siteHost, connectorId: session.connectorId },
    });
  }
  return toProxySessionDto(session, now);
};
