// GET /api/v1/connectors/{id}/history – status changes, key rotations and sync errors, newest first (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { getConnectorHistory } from "@/lib/server/services/connectors/get-connectors";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const GET = withRoute({ auth: "viewer", params: ZConnectorIdParams, handler: async ({ params }) => ({ data: await getConnectorHistory(params.id) }) });
