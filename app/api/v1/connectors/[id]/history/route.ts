// GET /api/v1/connectors/{id}/history – status changes, key rotations and sync errors, newest first (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { getConnectorHistory } from "@/lib/server/services/connectors/get-connectors";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const GET = withRoute(connectorContracts.history, async ({ params }) => ({ data: await getConnectorHistory(params.id) }));
