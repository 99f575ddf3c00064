import { activityContracts } from "./activities";
import { alertContracts } from "./alerts";
import { auditLogContracts } from "./audit-log";
import { connectorContracts } from "./connectors";
import { dashboardContracts } from "./dashboard";
import { deviceContracts } from "./devices";
import type { TRouteContract } from "./define-route";
import { governanceContracts } from "./governance";
import { incidentContracts } from "./incidents";
import { ipRangeContracts, threatListContracts } from "./ip-ranges";
import { notificationContracts } from "./notifications";
import { policyContracts } from "./policies";
import { portalUserContracts } from "./portal-users";
import { postureContracts } from "./posture";
import { proxySessionContracts } from "./proxy-sessions";
import { retentionContracts } from "./retention";
import { sessionPolicyContracts } from "./session-policies";
import { siteContracts } from "./sites";
import { ssoContracts } from "./sso";
import { setupContracts, systemContracts } from "./system";
import { tokenContracts } from "./tokens";
import { atlassianUserContracts } from "./users";

/**
 * Every area's contracts by the name route files import them under (`withRoute(alertContracts.get, …)`), in the
 * OpenAPI document's order. Add a new area here.
 */
export const CONTRACT_AREAS: Readonly<Record<string, Readonly<Record<string, TRouteContract>>>> = {
  systemContracts,
  connectorContracts,
  siteContracts,
  activityContracts,
  atlassianUserContracts,
  dashboardContracts,
  alertContracts,
  incidentContracts,
  governanceContracts,
  notificationContracts,
  policyContracts,
  ipRangeContracts,
  threatListContracts,
  postureContracts,
  proxySessionContracts,
  sessionPolicyContracts,
  deviceContracts,
  tokenContracts,
  portalUserContracts,
  ssoContracts,
  retentionContracts,
  auditLogContracts,
  setupContracts,
};

/** Every route handler's contract. */
export const ALL_CONTRACTS: readonly TRouteContract[] = Object.values(CONTRACT_AREAS).flatMap((area) => Object.values(area));

/** The versioned API, as the OpenAPI document lists it; first-run /api/setup stays out of it (system.ts). */
export const API_V1_CONTRACTS: readonly TRouteContract[] = ALL_CONTRACTS.filter((c) => c.path.startsWith("/api/v1/"));
