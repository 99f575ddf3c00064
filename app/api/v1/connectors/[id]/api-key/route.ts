// PUT /api/v1/connectors/{id}/api-key {apiKey, apiKeyExpiresAt?} – rotate the key after verifying it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { rotateApiKey } from "@/lib/server/services/connectors/rotate-api-key";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const PUT = withRoute(connectorContracts.rotateApiKey, ({ principal, params, body }) =>
  rotateApiKey({ actor: principal, id: params.id, apiKey: body.apiKey, apiKeyExpiresAt: body.apiKeyExpiresAt }),
);
