import type { TRecommendationResult, TRegression } from "./types";

type TPrevious = Readonly<{ at: Date; results: readonly Pick<TRecommendationResult, "key" | "status">[] }>;

/**
 * Recommendations that were met at the previous evaluation and are not any more (partially met or not
 * met). A status that becomes "unknown" is not a regression: the data went away, not the setting.
 */
export const findRegressions = (previous: TPrevious | null, current: readonly Pick<TRecommendationResult, "key" | "status">[]): TRegression[] => {
  if (!previous) return [];
  const before = new Map(previous.results.map((r) => [r.key, r.status]));
  return current.flatMap((r) => {
    const was = before.get(r.key);
    return was === "met" && (r.status === "partially_met" || r.status === "not_met") ? [{ key: r.key, previousStatus: was, status: r.status, previousAt: previous.at }] : [];
  });
};

/** Window of org audit events that can explain a regression: since shortly before the last good evaluation. */
export const driftWindow = (regression: TRegression, now: Date, slackMs = 15 * 60_000) => ({
  from: new Date(regression.previousAt.getTime() - slackMs),
  to: now,
});
