// GET /api/v1/connectors/{id}/quarantine – events set aside for an unexpected shape, newest first (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listQuarantinedEventsOfConnector } from "@/lib/server/services/connectors/list-quarantined-events";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";
import { ZQuarantineQuery } from "@/lib/shared/schemas/quarantine";

export const GET = withRoute({
  auth: "viewer",
  params: ZConnectorIdParams,
  query: ZQuarantineQuery,
  handler: ({ params, query }) => listQuarantinedEventsOfConnector({ connectorId: params.id, query }),
});
