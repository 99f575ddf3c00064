// GET /api/v1/alerts – alerts with filters (status, severity, policyKey, user, connectorId, from, to, assignee), sort, keyset cursor and counts per status (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listAlerts } from "@/lib/server/services/detection/list-alerts";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const GET = withRoute(alertContracts.list, ({ query, principal }) => listAlerts(query, { actorId: principal.userId }));
