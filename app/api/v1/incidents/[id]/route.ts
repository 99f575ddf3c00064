// GET /api/v1/incidents/{id} – one incident with alerts, timeline, comments and history (any role); PATCH – triage it, cascading to its alerts (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { getIncidentOrThrow } from "@/lib/server/services/incidents/get-incident";
import { updateIncidentForActor } from "@/lib/server/services/incidents/update-incident";
import { incidentContracts } from "@/lib/shared/contracts/incidents";

export const GET = withRoute(incidentContracts.get, ({ params }) => getIncidentOrThrow(params.id));

export const PATCH = withRoute(incidentContracts.update, ({ principal, params, body }) => updateIncidentForActor({ actor: principal, id: params.id, input: body }));
