// GET /api/v1/alerts – alerts newest first, filtered by status, severity, policyKey, user, connectorId, from, to (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listAlerts } from "@/lib/server/services/detection/list-alerts";
import { ZAlertListQuery } from "@/lib/shared/schemas/alerts";

export const GET = withRoute({ auth: "viewer", query: ZAlertListQuery, handler: ({ query }) => listAlerts(query) });
