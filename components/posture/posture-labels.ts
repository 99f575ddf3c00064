import type { TRecommendationDto } from "@/lib/shared/schemas/posture";
import type { BadgeTone } from "../ui/badge";

export const STATUS_TONES: Record<TRecommendationDto["status"], BadgeTone> = { met: "green", partially_met: "amber", not_met: "red", unknown: "neutral" };

/** "7.5 / 10" points, or why the item is out of the score. */
export const pointsText = (r: TRecommendationDto): string =>
  r.state !== "active" ? `Out of score (${r.points} pts)` : r.status === "unknown" ? `Not scored (${r.points} pts)` : `${r.pointsEarned} / ${r.pointsPossible} pts`;

export const fractionText = (r: TRecommendationDto): string | null => (r.fraction === null || r.status !== "partially_met" ? null : `${Math.round(r.fraction * 100)}% in place`);

export const postureHref = (connectorId: string, key?: string) => (key ? `/posture/${encodeURIComponent(key)}?connector=${encodeURIComponent(connectorId)}` : `/posture?connector=${encodeURIComponent(connectorId)}`);
