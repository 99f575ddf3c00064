import {
  ZPostureQuery,
  ZRecommendationDto,
  ZRecommendationKeyParams,
  ZRecommendationList,
  ZRefreshPostureInput,
  ZRefreshPostureResult,
  ZSecureScoreDto,
  ZSetRecommendationStateInput,
} from "../schemas/posture";
import { defineRoute } from "./define-route";

const TAG = "Posture";

/** Security posture (issue 8): recommendations, overrides, secure score and refresh. */
export const postureContracts = {
  listRecommendations: defineRoute({
    method: "GET",
    path: "/api/v1/recommendations",
    summary: "Recommendations of one connected org: status, partial fraction, points, affected policies and users, fix steps, state",
    tag: TAG,
    auth: "viewer",
    query: ZPostureQuery,
    response: ZRecommendationList,
  }),
  setRecommendationState: defineRoute({
    method: "PATCH",
    path: "/api/v1/recommendations/{key}",
    summary: "Set a recommendation to risk_accepted or resolved_alternative (with a reason; leaves the score's denominator) or back to active",
    tag: TAG,
    auth: "admin",
    params: ZRecommendationKeyParams,
    body: ZSetRecommendationStateInput,
    response: ZRecommendationDto,
  }),
  getSecureScore: defineRoute({
    method: "GET",
    path: "/api/v1/secure-score",
    summary: "Secure score of one connected org (points earned / points possible, in %), its history and refresh progress",
    tag: TAG,
    auth: "viewer",
    query: ZPostureQuery,
    response: ZSecureScoreDto,
  }),
  refresh: defineRoute({
    method: "POST",
    path: "/api/v1/secure-score/refresh",
    summary: "Re-read the org's users, domains and policies now and re-evaluate; follow refresh.phase on GET /api/v1/secure-score",
    tag: TAG,
    auth: "admin",
    body: ZRefreshPostureInput,
    response: ZRefreshPostureResult,
    status: 202,
  }),
};
