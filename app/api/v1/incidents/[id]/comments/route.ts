// POST /api/v1/incidents/{id}/comments – comment on an incident (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { addIncidentComment } from "@/lib/server/services/incidents/add-incident-comment";
import { incidentContracts } from "@/lib/shared/contracts/incidents";

export const POST = withRoute(incidentContracts.addComment, ({ principal, params, body }) => addIncidentComment({ actor: principal, incidentId: params.id, body: body.body }));
