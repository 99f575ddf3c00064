// GET /api/v1/recommendations?connectorId= – the org's posture recommendations with status, points, affected, fix steps (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listRecommendations } from "@/lib/server/services/posture/list-recommendations";
import { ZPostureQuery } from "@/lib/shared/schemas/posture";

export const GET = withRoute({ auth: "viewer", query: ZPostureQuery, handler: ({ query }) => listRecommendations({ connectorId: query.connectorId }) });
