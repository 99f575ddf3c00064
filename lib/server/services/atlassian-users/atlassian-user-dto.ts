import type { TAtlassianUserDto } from "../../../shared/schemas/atlassian-users";
import type { AtlassianUserRow } from "../../repositories/atlassian-user-repository";

export const toAtlassianUserDto = (u: AtlassianUserRow): TAtlassianUserDto => ({
  id: u.id,
  connectorId: u.connectorId,
  connectorName: u.connectorName,
  accountId: u.accountId,
  name: u.name,
  email: u.email,
  domain: u.domain,
  status: u.status,
  isAdmin: u.isAdmin,
  platformRoles: u.platformRoles,
  lastActiveAt: u.lastActiveAt?.toISOString() ?? null,
  openAlerts: u.openAlerts,
  priority: { score: u.priorityScore, trend: u.priorityTrend },
});
