import type { TAuditAction } from "../../../shared/schemas/audit";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { Principal } from "../principal";

type TConnectorAuditAction = Extract<TAuditAction, `connector.${string}`>;

/**
 * One portal audit row per connector change, with actor and IP. The connector's own history (connector_events)
 * goes with the connector when it is deleted; this row stays.
 */
export const auditConnector = (
  actor: Principal,
  action: TConnectorAuditAction,
  connector: Readonly<{ id: string; name: string }>,
  details?: Record<string, string | number | boolean | null>,
): Promise<void> =>
  appendAuditEvent({ action, actorId: actor.userId, actorEmail: actor.email, targetType: "connector", targetId: connector.id, targetName: connector.name, ip: actor.ip, details });
