/** Attempts per delivery, the first included (then the delivery fails with the last error). */
export const MAX_ATTEMPTS = 6;

/** Waits after failed attempt 1, 2, …: seconds at first, then minutes (≈ 37 min end to end). */
export const RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000, 1_800_000] as const;

/** Longest a receiver's Retry-After may hold a delivery back. */
const MAX_RETRY_AFTER_MS = 3_600_000;

export type RetryPolicy = Readonly<{ maxAttempts: number; delaysMs: readonly number[]; random?: () => number }>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: MAX_ATTEMPTS, delaysMs: RETRY_DELAYS_MS };

/**
 * When to try again after `attempts` failed attempts, or null when the delivery should fail now.
 * Jitter (±20 %) keeps many deliveries to one receiver from retrying in lockstep; a Retry-After
 * longer than the backoff wins.
 */
export const nextAttemptAt = (
  options: Readonly<{ attempts: number; retryable: boolean; retryAfterSeconds?: number; now: Date; policy?: RetryPolicy }>,
): Date | null => {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  if (!options.retryable || options.attempts >= policy.maxAttempts) return null;
  const base = policy.delaysMs[Math.min(options.attempts, policy.delaysMs.length) - 1] ?? policy.delaysMs[policy.delaysMs.length - 1] ?? 0;
  const jittered = base * (0.8 + 0.4 * (policy.random ?? Math.random)());
  const asked = options.retryAfterSeconds === undefined ? 0 : Math.min(options.retryAfterSeconds * 1000, MAX_RETRY_AFTER_MS);
  return new Date(options.now.getTime() + Math.max(jittered, asked));
};
