import { RECOMMENDATIONS } from "./catalog";
import type { TEvaluation, TOverride, TPostureInput, TRecommendationDefinition, TRecommendationResult, TRecommendationStatus } from "./types";

const round2 = (n: number) => Math.round(n * 100) / 100;

export const statusOf = (fraction: number | null): TRecommendationStatus =>
  fraction === null ? "unknown" : fraction >= 1 ? "met" : fraction <= 0 ? "not_met" : "partially_met";

/**
 * Evaluates every recommendation and the score. A recommendation marked "risk accepted" or "resolved
 * through an alternative", and one whose data is unknown, leaves the denominator (as Secure Score does);
 * its status is still computed and shown.
 */
export const evaluatePosture = (
  input: TPostureInput,
  overrides: readonly TOverride[] = [],
  definitions: readonly TRecommendationDefinition[] = RECOMMENDATIONS,
): TEvaluation => {
  const overrideOf = new Map(overrides.map((o) => [o.key, o]));
  const results: TRecommendationResult[] = definitions.map((definition) => {
    const check = definition.evaluate(input);
    const fraction = check.fraction === null ? null : Math.min(1, Math.max(0, check.fraction));
    const status = statusOf(fraction);
    const state = overrideOf.get(definition.key)?.state ?? "active";
    const isScored = state === "active" && status !== "unknown";
    return {
      key: definition.key,
      status,
      fraction: fraction === null ? null : round2(fraction),
      summary: check.summary,
      pointsEarned: isScored ? round2(definition.points * (fraction ?? 0)) : 0,
      pointsPossible: isScored ? definition.points : 0,
      isScored,
      state,
      affected: check.affected,
    };
  });
  const pointsEarned = round2(results.reduce((sum, r) => sum + r.pointsEarned, 0));
  const pointsPossible = results.reduce((sum, r) => sum + r.pointsPossible, 0);
  const score = pointsPossible === 0 ? 0 : Math.round((pointsEarned / pointsPossible) * 1000) / 10;
  return { score, pointsEarned, pointsPossible, results };
};
