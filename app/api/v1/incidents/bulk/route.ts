// POST /api/v1/incidents/bulk – one status or assignee change over many incidents, each succeeding or failing alone (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { bulkUpdateIncidents } from "@/lib/server/services/incidents/bulk-update-incidents";
import { incidentContracts } from "@/lib/shared/contracts/incidents";

export const POST = withRoute(incidentContracts.bulkUpdate, ({ principal, body }) => bulkUpdateIncidents({ actor: principal, input: body }));
