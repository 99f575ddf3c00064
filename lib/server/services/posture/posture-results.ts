import type { TRecommendationResult } from "../../../posture";
import type { TDriftDto } from "../../../shared/schemas/posture";

/** One recommendation as stored in posture_evaluations.results: the engine's result plus any drift in effect. */
export type TStoredResult = TRecommendationResult & { drift: TDriftDto | null };

/** Affected users kept per recommendation in stored history (the rest are counted in the summary). */
export const MAX_STORED_USERS = 500;

export const readResults = (json: unknown): TStoredResult[] => (Array.isArray(json) ? (json as TStoredResult[]) : []);
