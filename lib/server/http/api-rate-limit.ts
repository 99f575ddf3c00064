/** One caller's budget: a bucket of `perMinute` requests, refilled continuously at `perMinute` a minute. */
type Bucket = { tokens: number; updatedAt: number };

const buckets = new Map<string, Bucket>();
/** Above this many callers, buckets that have refilled completely are dropped (they hold no state). */
const SWEEP_ABOVE = 10_000;

export type TRateDecision = Readonly<{ isLimited: false }> | Readonly<{ isLimited: true; retryAfterSeconds: number }>;

const sweep = (perMinute: number, now: number) => {
  for (const [key, bucket] of buckets) if (bucket.tokens + ((now - bucket.updatedAt) * perMinute) / 60_000 >= perMinute) buckets.delete(key);
};

/**
 * Counts one /api/v1 request of a caller (`token:<id>` or `session:<user id>`) in this process: allowed while the
 * caller's bucket holds a request, else limited with the whole seconds until it holds one again.
 */
export const takeApiRequest = (key: string, perMinute: number, now = Date.now()): TRateDecision => {
  const perMs = perMinute / 60_000;
  const known = buckets.get(key);
  const bucket = known ?? { tokens: perMinute, updatedAt: now };
  bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs);
  bucket.updatedAt = now;
  if (!known) {
    if (buckets.size >= SWEEP_ABOVE) sweep(perMinute, now);
    buckets.set(key, bucket);
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { isLimited: false };
  }
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
};

/** Forgets every bucket (tests). */
export const resetApiRateLimits = (): void => buckets.clear();
