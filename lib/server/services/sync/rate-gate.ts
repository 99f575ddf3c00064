import { drainRateBucket, takeRateToken } from "../../repositories/rate-bucket-repository";

/** Keeps a little under the budget so that clock differences never push us over Atlassian's limit. */
const SAFETY = 0.97;
const BURST = 10;

export type RateGate = Readonly<{
  /** Waits until the shared bucket grants a request (or the deadline passes: then false). */
  acquire: (deadline: number) => Promise<boolean>;
  /** After a 429: every worker holds back until `retryAfterMs` from now. */
  backOff: (retryAfterMs: number) => Promise<void>;
}>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createRateGate = (options: Readonly<{ bucketKey: string; perMinute: number }>): RateGate => {
  const perSecond = (options.perMinute * SAFETY) / 60;
  const burst = Math.max(1, Math.min(BURST, Math.floor(perSecond)));
  return {
    acquire: async (deadline) => {
      for (;;) {
        const { isGranted, waitMs } = await takeRateToken(options.bucketKey, { perSecond, burst });
        if (isGranted) return true;
        if (Date.now() + waitMs > deadline) return false;
        await sleep(Math.min(waitMs, 5_000));
      }
    },
    backOff: (retryAfterMs) => drainRateBucket(options.bucketKey, new Date(Date.now() + retryAfterMs), perSecond),
  };
};
