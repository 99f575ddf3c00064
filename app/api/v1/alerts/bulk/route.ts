// POST /api/v1/alerts/bulk – one status or assignee change over many alerts, each succeeding or failing alone (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { bulkUpdateAlerts } from "@/lib/server/services/alerts/bulk-update-alerts";
import { ZAlertBulkInput } from "@/lib/shared/schemas/alerts";

export const POST = withRoute({ auth: "analyst", body: ZAlertBulkInput, handler: ({ principal, body }) => bulkUpdateAlerts({ actor: principal, input: body }) });
