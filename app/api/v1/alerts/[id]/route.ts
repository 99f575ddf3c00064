// GET /api/v1/alerts/{id} – one alert with triage fields, comments, history and the user's context (any role); PATCH – triage it (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { updateAlertForActor } from "@/lib/server/services/alerts/update-alert";
import { getAlertOrThrow } from "@/lib/server/services/detection/get-alert";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const GET = withRoute(alertContracts.get, ({ params }) => getAlertOrThrow(params.id));

export const PATCH = withRoute(alertContracts.update, ({ principal, params, body }) => updateAlertForActor({ actor: principal, id: params.id, input: body }));
