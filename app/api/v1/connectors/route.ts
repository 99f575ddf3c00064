// GET /api/v1/connectors – connected apps with status and stats (any role); POST – connect an org (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { createConnector } from "@/lib/server/services/connectors/create-connector";
import { listConnectors } from "@/lib/server/services/connectors/get-connectors";
import { ZCreateConnectorInput } from "@/lib/shared/schemas/connectors";

export const GET = withRoute({ auth: "viewer", handler: async () => ({ data: await listConnectors() }) });

export const POST = withRoute({
  auth: "admin",
  body: ZCreateConnectorInput,
  status: 201,
  handler: ({ principal, body }) => createConnector({ actor: principal, input: body }),
});
