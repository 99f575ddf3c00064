// PATCH /api/v1/recommendations/{key} {connectorId, state, reason} – accept the risk, mark resolved through an alternative, or reactivate (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { setRecommendationState } from "@/lib/server/services/posture/set-recommendation-state";
import { postureContracts } from "@/lib/shared/contracts/posture";

export const PATCH = withRoute(postureContracts.setRecommendationState, ({ principal, params, body }) => setRecommendationState({ actor: principal, key: params.key, input: body }));
