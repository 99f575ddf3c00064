import { AppError } from "../../../shared/errors";
import type { TSiteDto } from "../../../shared/schemas/sites";
import { setSiteProtected } from "../../repositories/atlassian-site-repository";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { Principal } from "../principal";
import { toSiteDto } from "./site-dto";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

/**
 * The **Protect through the session proxy** switch: the proxy serves a site only while it is on (it reads the
 * protected sites within seconds). Audited either way.
 */
export const setSiteProtection = async (options: Readonly<{ actor: Actor; connectorId: string; siteId: string; isProtected: boolean }>): Promise<TSiteDto> => {
  const { actor, connectorId, siteId, isProtected } = options;
  const site = await setSiteProtected({ connectorId, siteId, isProtected, actorId: actor.userId, at: new Date() });
  if (!site) throw new AppError("not_found", "Site not found");
  await appendAuditEvent({
    action: isProtected ? "site.protected" : "site.unprotected",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "atlassian_site",
    targetId: site.id,
    targetName: site.host,
    ip: actor.ip,
    details: { connectorId },
  });
  return toSiteDto(site);
};
