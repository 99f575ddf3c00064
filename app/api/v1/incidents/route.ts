// GET /api/v1/incidents – incidents with the alerts' filters, sort (priority default), keyset cursor and counts per status (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listIncidents } from "@/lib/server/services/incidents/list-incidents";
import { incidentContracts } from "@/lib/shared/contracts/incidents";

export const GET = withRoute(incidentContracts.list, ({ query, principal }) => listIncidents(query, { actorId: principal.userId }));
