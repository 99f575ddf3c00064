// GET /api/v1/recommendations?connectorId= – the org's posture recommendations with status, points, affected, fix steps (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listRecommendations } from "@/lib/server/services/posture/list-recommendations";
import { postureContracts } from "@/lib/shared/contracts/posture";

export const GET = withRoute(postureContracts.listRecommendations, ({ query }) => listRecommendations({ connectorId: query.connectorId }));
