// PUT /api/v1/connectors/{id}/api-key {apiKey, apiKeyExpiresAt?} – rotate the key after verifying it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { rotateApiKey } from "@/lib/server/services/connectors/rotate-api-key";
import { ZConnectorIdParams, ZRotateKeyInput } from "@/lib/shared/schemas/connectors";

export const PUT = withRoute({
  auth: "admin",
  params: ZConnectorIdParams,
  body: ZRotateKeyInput,
  handler: ({ principal, params, body }) => rotateApiKey({ actor: principal, id: params.id, apiKey: body.apiKey, apiKeyExpiresAt: body.apiKeyExpiresAt }),
});
