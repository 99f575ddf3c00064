import { DEFAULT_FAMILY_BUDGETS, DEFAULT_USER_BUDGET, rateFamilyOf, type TRateFamily, type TRateLimitObservation } from "../../../atlassian";
import { budgetOf, observeAnswer, takeToken, type TBucketState, type TRatePriority } from "../../../shared/rate-budget";
import { updateRateBuckets } from "../../repositories/rate-bucket-repository";

export type RateGate = Readonly<{
  /** Waits until the shared buckets of the family and the key's user grant a request (false: not before the deadline). */
  acquire: (family: TRateFamily, priority: TRatePriority, deadline: number) => Promise<boolean>;
  /** Follows an answer's X-RateLimit-* headers and 429s (the client's `onResponse`). */
  observe: (observation: TRateLimitObservation) => Promise<void>;
}>;

export type RateGateOptions = Readonly<{
  bucketKey: string;
  /** Replaces every documented default (WATCHPOST_RATE_LIMIT_PER_MINUTE); what the server states still wins. */
  perMinute?: number;
}>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bucket of one family of a key. The per-user row keeps the key itself, as before families existed. */
export const familyBucketKey = (bucketKey: string, family: TRateFamily) => `${bucketKey}:${family}`;

export const familyDefault = (family: TRateFamily, perMinute?: number) => perMinute ?? DEFAULT_FAMILY_BUDGETS[family];

/**
 * The shared request budget of one API key: a bucket per endpoint family that follows the server's headers,
 * and the key's per-user ceiling across families. Live requests go first: background ones leave a reserve.
 */
export const createRateGate = (options: RateGateOptions): RateGate => {
  const user = { key: options.bucketKey, defaultPerMinute: options.perMinute ?? DEFAULT_USER_BUDGET };
  const familyRef = (family: TRateFamily) => ({ key: familyBucketKey(options.bucketKey, family), defaultPerMinute: familyDefault(family, options.perMinute) });
  return {
    acquire: async (family, priority, deadline) => {
      const refs = [familyRef(family), user];
      for (;;) {
        const { isGranted, waitMs } = await updateRateBuckets(refs, (states, nowMs) => {
          const decisions = states.map((state, i) => takeToken(state, { nowMs, defaultPerMinute: refs[i]?.defaultPerMinute ?? 1, priority }));
          const isGranted = decisions.every((d) => d.isGranted);
          // Nothing is taken unless every bucket grants; refilled levels are kept either way.
          return {
            states: decisions.map((d) => (isGranted ? d.state : d.refilled)),
            result: { isGranted, waitMs: Math.max(0, ...decisions.map((d) => d.waitMs)) },
          };
        });
        if (isGranted) return true;
        if (Date.now() + waitMs > deadline) return false;
        await sleep(Math.min(waitMs, 5_000));
      }
    },
    observe: async (observation) => {
      if (observation.status !== 429 && !observation.rateLimit) return;
      const ref = familyRef(rateFamilyOf(observation.method, observation.path.split("?")[0] ?? ""));
      const stated = observation.rateLimit
        ? { limit: observation.rateLimit.limit, remaining: observation.rateLimit.remaining, resetAtMs: observation.rateLimit.resetAt.getTime() }
        : null;
      // A server that states a limit above the assumed per-user ceiling allows the user at least that much.
      await updateRateBuckets([ref, user], ([state, userState], nowMs) => ({
        states: [
          state ? observeAnswer(state, { nowMs, status: observation.status, stated, retryAfterMs: observation.retryAfterMs, defaultPerMinute: ref.defaultPerMinute }) : undefined,
          userState && stated && stated.limit > budgetOf(userState, user.defaultPerMinute, nowMs) ? { ...userState, learnedLimit: stated.limit } : userState,
        ].filter((s): s is TBucketState => s !== undefined),
        result: undefined,
      }));
    },
  };
};
