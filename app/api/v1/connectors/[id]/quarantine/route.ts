// GET /api/v1/connectors/{id}/quarantine – events set aside for an unexpected shape, newest first (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listQuarantinedEventsOfConnector } from "@/lib/server/services/connectors/list-quarantined-events";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const GET = withRoute(connectorContracts.listQuarantine, ({ params, query }) => listQuarantinedEventsOfConnector({ connectorId: params.id, query }));
