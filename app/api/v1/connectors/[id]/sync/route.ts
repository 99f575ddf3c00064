// POST /api/v1/connectors/{id}/sync – poll the Atlassian API now (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { requestSync } from "@/lib/server/services/connectors/manage-connector";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const POST = withRoute({
  auth: "admin",
  params: ZConnectorIdParams,
  status: 202,
  handler: ({ principal, params }) => requestSync({ actor: principal, id: params.id }),
});
