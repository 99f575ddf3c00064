// GET /api/v1/secure-score?connectorId= – the org's score, points and score history, plus refresh progress (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { getSecureScore } from "@/lib/server/services/posture/get-secure-score";
import { postureContracts } from "@/lib/shared/contracts/posture";

export const GET = withRoute(postureContracts.getSecureScore, ({ query }) => getSecureScore({ connectorId: query.connectorId }));
