/**
 * Arithmetic of the shared request budget of one (API key, endpoint family) or of a key's per-user ceiling:
 * a token bucket refilled at the budget, which follows what the server states in X-RateLimit-* headers and is
 * lowered after a 429. Pure: the repository runs it inside a row lock (rate-bucket-repository.ts).
 */
export type TBucketState = {
  tokens: number;
  updatedAtMs: number;
  windowStartMs: number;
  windowCount: number;
  /** X-RateLimit-Limit, -Remaining (counted down by our own grants) and -Reset of the last answer. */
  learnedLimit: number | null;
  remaining: number | null;
  resetAtMs: number | null;
  /** After a 429 that stated no limit: the budget until `loweredUntilMs`. */
  loweredLimit: number | null;
  loweredUntilMs: number | null;
};

/** Live polls (and governance actions) come first; background work is catch-up, backfill and directory syncs. */
export type TRatePriority = "live" | "background";

/** A little under the budget, so clock differences never push us over the server's window. */
export const SAFETY = 0.97;
/** Background requests leave this many tokens (and this many of the server's stated remaining) to live polls. */
export const LIVE_RESERVE = 1;
/** A window's reset is trusted this long after the stated time (clock skew). */
const RESET_GRACE_MS = 250;
/** How long a budget lowered by a 429 without headers holds after the wait the server asked for. */
export const LOWERED_FOR_MS = 15 * 60_000;
const MAX_BURST = 10;
const WINDOW_MS = 60_000;

export const emptyBucket = (nowMs: number, perMinute: number): TBucketState => ({
  tokens: shape(perMinute).capacity,
  updatedAtMs: nowMs,
  windowStartMs: nowMs,
  windowCount: 0,
  learnedLimit: null,
  remaining: null,
  resetAtMs: null,
  loweredLimit: null,
  loweredUntilMs: null,
});

/** The budget in force: lowered after a 429, else what the server stated, else the default. */
export const budgetOf = (state: TBucketState, defaultPerMinute: number, nowMs: number): number =>
  state.loweredLimit !== null && state.loweredUntilMs !== null && state.loweredUntilMs > nowMs ? state.loweredLimit : (state.learnedLimit ?? defaultPerMinute);

/** Whether the budget in force was stated by the server (its window's remaining count then guards every grant). */
const isStatedBudget = (state: TBucketState, nowMs: number) => state.learnedLimit !== null && budgetOf(state, state.learnedLimit, nowMs) === state.learnedLimit;

/**
 * Capacity and refill rate. The capacity holds the live reserve plus two, so background work does not need a full
 * bucket (a pause between sync passes costs nothing). A budget the server stated refills at 97% of it: its
 * remaining count keeps every window under the limit. Otherwise `capacity + rate × 1 min` stays within the budget,
 * so a fixed window of the server never sees more than it even from a full bucket.
 */
export const shape = (perMinute: number, isStated = false): { capacity: number; perMs: number } => {
  if (perMinute < 2 * (2 + LIVE_RESERVE)) return { capacity: 1, perMs: Math.max(perMinute / 2, perMinute - 1) / WINDOW_MS };
  const capacity = Math.max(2 + LIVE_RESERVE, Math.min(MAX_BURST, Math.floor((perMinute * SAFETY) / 60)));
  return { capacity, perMs: (isStated ? perMinute * SAFETY : Math.min(perMinute * SAFETY, perMinute - capacity)) / WINDOW_MS };
};

const isInStatedWindow = (state: TBucketState, nowMs: number) => state.resetAtMs !== null && state.remaining !== null && nowMs < state.resetAtMs + RESET_GRACE_MS;

/** `state` is the bucket after the grant; `refilled` the bucket had nothing been taken. */
export type TTakeDecision = { isGranted: boolean; waitMs: number; state: TBucketState; refilled: TBucketState };

/**
 * One request: granted when the bucket holds a token (background: one more than the live reserve) and, inside
 * the window the server last stated, its remaining count allows it (background: above the live reserve).
 */
export const takeToken = (state: TBucketState, options: Readonly<{ nowMs: number; defaultPerMinute: number; priority: TRatePriority }>): TTakeDecision => {
  const { nowMs, priority } = options;
  const limit = budgetOf(state, options.defaultPerMinute, nowMs);
  const { capacity, perMs } = shape(limit, isStatedBudget(state, nowMs));
  const reserve = priority === "background" && capacity > 1 ? LIVE_RESERVE : 0;
  const level = Math.min(capacity, state.tokens + Math.max(0, nowMs - state.updatedAtMs) * perMs);
  const refilled = { ...state, tokens: level, updatedAtMs: nowMs };
  if (isInStatedWindow(state, nowMs) && (state.remaining ?? 0) < 1 + reserve) {
    return { isGranted: false, waitMs: Math.max(1, (state.resetAtMs ?? nowMs) + RESET_GRACE_MS - nowMs), state: refilled, refilled };
  }
  if (level < 1 + reserve) return { isGranted: false, waitMs: Math.ceil((1 + reserve - level) / perMs), state: refilled, refilled };
  const isWindowCurrent = nowMs - state.windowStartMs < WINDOW_MS;
  return {
    isGranted: true,
    waitMs: 0,
    refilled,
    state: {
      ...refilled,
      tokens: level - 1,
      windowStartMs: isWindowCurrent ? state.windowStartMs : nowMs,
      windowCount: (isWindowCurrent ? state.windowCount : 0) + 1,
      remaining: isInStatedWindow(state, nowMs) ? (state.remaining ?? 1) - 1 : state.remaining,
    },
  };
};

export type TRateObservation = Readonly<{
  nowMs: number;
  status: number;
  /** X-RateLimit-* of the answer, when it had them. */
  stated: Readonly<{ limit: number; remaining: number; resetAtMs: number }> | null;
  /** Retry-After (else X-RateLimit-Reset) of a 429, in ms from now. */
  retryAfterMs: number | undefined;
  defaultPerMinute: number;
}>;

/**
 * Follows one answer. Headers replace the learned limit, and the stated remaining count replaces ours in a new
 * window or lowers it in the same one (requests in flight). A 429 empties the bucket until the reset (every
 * worker holds back); without a stated limit it also lowers the budget, at most by half, to 90% of what was
 * granted in the last minute, for LOWERED_FOR_MS after the reset.
 */
export const observeAnswer = (state: TBucketState, observation: TRateObservation): TBucketState => {
  const { nowMs, stated, status } = observation;
  let next = { ...state };
  if (stated) {
    const isNewWindow = state.resetAtMs === null || state.remaining === null || stated.resetAtMs > state.resetAtMs;
    next = {
      ...next,
      learnedLimit: stated.limit,
      remaining: isNewWindow ? stated.remaining : Math.min(state.remaining ?? stated.remaining, stated.remaining),
      resetAtMs: isNewWindow ? stated.resetAtMs : state.resetAtMs,
      loweredLimit: null,
      loweredUntilMs: null,
    };
  }
  if (status !== 429) return next;
  const waitMs = observation.retryAfterMs ?? (stated ? Math.max(0, stated.resetAtMs - nowMs) : WINDOW_MS);
  const untilMs = nowMs + waitMs;
  if (!stated) {
    const budget = budgetOf(state, observation.defaultPerMinute, nowMs);
    const recent = nowMs - state.windowStartMs < WINDOW_MS ? state.windowCount : 0;
    next = { ...next, loweredLimit: Math.max(1, Math.ceil(budget / 2), Math.floor(recent * 0.9)), loweredUntilMs: untilMs + LOWERED_FOR_MS };
    if ((next.loweredLimit ?? 0) > budget) next.loweredLimit = budget;
  }
  const { perMs } = shape(budgetOf(next, observation.defaultPerMinute, nowMs), isStatedBudget(next, nowMs));
  // Negative tokens that refill to zero exactly at the reset.
  return { ...next, tokens: -waitMs * perMs, updatedAtMs: nowMs, remaining: 0, resetAtMs: Math.max(next.resetAtMs ?? 0, untilMs) };
};
