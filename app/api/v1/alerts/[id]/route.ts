// GET /api/v1/alerts/{id} – one alert with triage fields, comments, history and the user's context (any role); PATCH – triage it (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { updateAlertForActor } from "@/lib/server/services/alerts/update-alert";
import { getAlertOrThrow } from "@/lib/server/services/detection/get-alert";
import { ZAlertIdParams, ZAlertPatchInput } from "@/lib/shared/schemas/alerts";

export const GET = withRoute({ auth: "viewer", params: ZAlertIdParams, handler: ({ params }) => getAlertOrThrow(params.id) });

export const PATCH = withRoute({
  auth: "analyst",
  params: ZAlertIdParams,
  body: ZAlertPatchInput,
  handler: ({ principal, params, body }) => updateAlertForActor({ actor: principal, id: params.id, input: body }),
});
