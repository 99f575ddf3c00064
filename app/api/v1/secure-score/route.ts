// GET /api/v1/secure-score?connectorId= – the org's score, points and score history, plus refresh progress (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { getSecureScore } from "@/lib/server/services/posture/get-secure-score";
import { ZPostureQuery } from "@/lib/shared/schemas/posture";

export const GET = withRoute({ auth: "viewer", query: ZPostureQuery, handler: ({ query }) => getSecureScore({ connectorId: query.connectorId }) });
