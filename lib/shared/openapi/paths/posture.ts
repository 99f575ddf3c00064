import type { TEndpointSpec } from "../endpoint";
import {
  ZPostureQuery,
  ZRecommendationDto,
  ZRecommendationList,
  ZRefreshPostureInput,
  ZRefreshPostureResult,
  ZSecureScoreDto,
  ZSetRecommendationStateInput,
} from "../../schemas/posture";

/** Security posture (issue 8): recommendations, overrides, secure score and refresh. */
export const postureEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/recommendations",
    summary: "Recommendations of one connected org: status, partial fraction, points, affected policies and users, fix steps, state",
    tag: "Posture",
    auth: "viewer",
    query: ZPostureQuery,
    response: ZRecommendationList,
  },
  {
    method: "patch",
    path: "/api/v1/recommendations/{key}",
    summary: "Set a recommendation to risk_accepted or resolved_alternative (with a reason; leaves the score's denominator) or back to active",
    tag: "Posture",
    auth: "admin",
    body: ZSetRecommendationStateInput,
    response: ZRecommendationDto,
  },
  {
    method: "get",
    path: "/api/v1/secure-score",
    summary: "Secure score of one connected org (points earned / points possible, in %), its history and refresh progress",
    tag: "Posture",
    auth: "viewer",
    query: ZPostureQuery,
    response: ZSecureScoreDto,
  },
  {
    method: "post",
    path: "/api/v1/secure-score/refresh",
    summary: "Re-read the org's users, domains and policies now and re-evaluate; follow refresh.phase on GET /api/v1/secure-score",
    tag: "Posture",
    auth: "admin",
    body: ZRefreshPostureInput,
    response: ZRefreshPostureResult,
    status: 202,
  },
];
