// POST /api/v1/alerts/bulk – one status or assignee change over many alerts, each succeeding or failing alone (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { bulkUpdateAlerts } from "@/lib/server/services/alerts/bulk-update-alerts";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const POST = withRoute(alertContracts.bulkUpdate, ({ principal, body }) => bulkUpdateAlerts({ actor: principal, input: body }));
