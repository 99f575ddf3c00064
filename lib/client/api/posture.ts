import type { TRecommendationDto, TSecureScoreDto, TSetRecommendationStateInput } from "../../shared/schemas/posture";
import { apiFetch } from "../api-client";

const q = (connectorId: string) => `connectorId=${encodeURIComponent(connectorId)}`;

/** Fetch client for /api/v1/recommendations and /api/v1/secure-score. */
export const postureApi = {
  recommendations: (connectorId: string) => apiFetch<TRecommendationDto[]>(`/api/v1/recommendations?${q(connectorId)}`),
  score: (connectorId: string) => apiFetch<TSecureScoreDto>(`/api/v1/secure-score?${q(connectorId)}`),
  setState: (key: string, input: TSetRecommendationStateInput) =>
    apiFetch<TRecommendationDto>(`/api/v1/recommendations/${encodeURIComponent(key)}`, { method: "PATCH", json: input }),
  refresh: (connectorId: string) => apiFetch<{ phase: string }>("/api/v1/secure-score/refresh", { method: "POST", json: { connectorId } }),
};
