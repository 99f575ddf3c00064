// POST /api/v1/connectors/{id}/scopes – probe the API key's scopes again (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { checkConnectorScopes } from "@/lib/server/services/connectors/check-connector-scopes";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const POST = withRoute({
  auth: "admin",
  params: ZConnectorIdParams,
  handler: ({ principal, params }) => checkConnectorScopes({ actor: principal, id: params.id }),
});
