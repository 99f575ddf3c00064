// POST /api/v1/connectors/{id}/scopes – probe the API key's scopes again (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { checkConnectorScopes } from "@/lib/server/services/connectors/check-connector-scopes";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const POST = withRoute(connectorContracts.checkScopes, ({ principal, params }) => checkConnectorScopes({ actor: principal, id: params.id }));
