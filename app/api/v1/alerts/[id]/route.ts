// GET /api/v1/alerts/{id} – one alert with its explanation and activity ids (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { getAlertOrThrow } from "@/lib/server/services/detection/get-alert";
import { ZAlertIdParams } from "@/lib/shared/schemas/alerts";

export const GET = withRoute({ auth: "viewer", params: ZAlertIdParams, handler: ({ params }) => getAlertOrThrow(params.id) });
