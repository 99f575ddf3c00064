// GET /api/v1/connectors/{id} (any role); PATCH {enabled} – pause or resume (admin); DELETE – remove it and its data (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getConnectorOrThrow } from "@/lib/server/services/connectors/get-connectors";
import { deleteConnector, setConnectorEnabled } from "@/lib/server/services/connectors/manage-connector";
import { ZConnectorIdParams, ZUpdateConnectorInput } from "@/lib/shared/schemas/connectors";

export const GET = withRoute({ auth: "viewer", params: ZConnectorIdParams, handler: ({ params }) => getConnectorOrThrow(params.id) });

export const PATCH = withRoute({
  auth: "admin",
  params: ZConnectorIdParams,
  body: ZUpdateConnectorInput,
  handler: ({ principal, params, body }) => setConnectorEnabled({ actor: principal, id: params.id, enabled: body.enabled }),
});

export const DELETE = withRoute({
  auth: "admin",
  params: ZConnectorIdParams,
  handler: ({ principal, params }) => deleteConnector({ actor: principal, id: params.id }),
});
