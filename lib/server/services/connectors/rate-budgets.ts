import { DEFAULT_USER_BUDGET, RATE_FAMILIES } from "../../../atlassian";
import { getEnv } from "../../../env";
import { budgetOf } from "../../../shared/rate-budget";
import type { TRateBudgetDto } from "../../../shared/schemas/connectors";
import type { TRateBucketRow } from "../../repositories/rate-bucket-repository";
import { familyBucketKey, familyDefault } from "../sync/rate-gate";

const WINDOW_MS = 60_000;

/** The budget of each endpoint family of one API key and its per-user ceiling, as the workers see them now. */
export const describeRateBudgets = (bucketKey: string, rows: readonly TRateBucketRow[]): TRateBudgetDto[] => {
  const override = getEnv().WATCHPOST_RATE_LIMIT_PER_MINUTE;
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const describe = (family: string, key: string, defaultPerMinute: number): TRateBudgetDto => {
    const row = byKey.get(key);
    if (!row) return { family, perMinute: defaultPerMinute, source: "default", remaining: null, resetAt: null, requestsLastMinute: 0 };
    const { state, nowMs } = row;
    const perMinute = budgetOf(state, defaultPerMinute, nowMs);
    const isLowered = state.loweredLimit !== null && (state.loweredUntilMs ?? 0) > nowMs;
    const isWindowCurrent = state.resetAtMs !== null && state.resetAtMs > nowMs;
    return {
      family,
      perMinute,
      source: isLowered ? "lowered" : state.learnedLimit !== null ? "server" : "default",
      remaining: isWindowCurrent ? state.remaining : null,
      resetAt: isWindowCurrent && state.resetAtMs !== null ? new Date(state.resetAtMs).toISOString() : null,
      requestsLastMinute: nowMs - state.windowStartMs < WINDOW_MS ? state.windowCount : 0,
    };
  };
  return [
    ...RATE_FAMILIES.map((family) => describe(family, familyBucketKey(bucketKey, family), familyDefault(family, override))),
    describe("per-user", bucketKey, override ?? DEFAULT_USER_BUDGET),
  ];
};
