import { z } from "zod";

/** Per-key limits: 1000 requests/min overall and 10/min on /events by default (atlassian-api.md §1.2). */
export const ZRateLimitConfig = z.object({
  /** false = never answer 429 (headers are still sent); benchmarks turn limits off. */
  enabled: z.boolean().default(true),
  perMinute: z.number().int().positive().default(1000),
  eventsPerMinute: z.number().int().positive().default(10),
  /** Length of the fixed window; "per minute" means 60 000 ms. */
  windowMs: z.number().int().positive().default(60_000),
});
export type TRateLimitConfig = z.infer<typeof ZRateLimitConfig>;

/** Body of POST /__sim/rate-limits: any subset, merged into the current limits (no defaults applied). */
export const ZRateLimitUpdate = z
  .object({
    enabled: z.boolean(),
    perMinute: z.number().int().positive(),
    eventsPerMinute: z.number().int().positive(),
    windowMs: z.number().int().positive(),
  })
  .partial();
export type TRateLimitConfigInput = z.input<typeof ZRateLimitConfig>;

export type TBucketName = "global" | "events";

/** Outcome of one request against a key's limits; drives the X-RateLimit-* headers. */
export type TRateLimitDecision = { isAllowed: boolean; limit: number; remaining: number; resetAtMs: number };

type TWindow = { startMs: number; count: number };

/**
 * Fixed-window counters per API key and bucket. A window opens at a key's first request and lasts
 * `windowMs`; X-RateLimit-Reset is its end. Time comes from the injected clock, so tests never sleep.
 */
export class RateLimiter {
  private readonly windows = new Map<string, TWindow>();
  config: TRateLimitConfig;

  constructor(
    config: TRateLimitConfigInput,
    private readonly now: () => number,
  ) {
    this.config = ZRateLimitConfig.parse(config);
  }

  update(config: Partial<TRateLimitConfig>): void {
    this.config = ZRateLimitConfig.parse({ ...this.config, ...config });
  }

  reset(): void {
    this.windows.clear();
  }

  private window(key: string, bucket: TBucketName, nowMs: number): TWindow {
    const id = `${bucket}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || nowMs >= window.startMs + this.config.windowMs) {
      window = { startMs: nowMs, count: 0 };
      this.windows.set(id, window);
    }
    return window;
  }

  private limitOf(bucket: TBucketName): number {
    return bucket === "events" ? this.config.eventsPerMinute : this.config.perMinute;
  }

  /**
   * Counts one request in the global bucket and, for /events, in the events bucket too. A refused request
   * is not counted. The decision reported is the refusing bucket's, else the tighter one's.
   */
  take(key: string, buckets: readonly TBucketName[]): TRateLimitDecision {
    const nowMs = this.now();
    const states = buckets.map((bucket) => ({ bucket, window: this.window(key, bucket, nowMs), limit: this.limitOf(bucket) }));
    const refused = this.config.enabled ? states.find((state) => state.window.count >= state.limit) : undefined;
    if (refused) return { isAllowed: false, limit: refused.limit, remaining: 0, resetAtMs: refused.window.startMs + this.config.windowMs };
    for (const state of states) state.window.count++;
    const tightest = states.reduce((a, b) => (b.limit - b.window.count < a.limit - a.window.count ? b : a));
    return {
      isAllowed: true,
      limit: tightest.limit,
      remaining: Math.max(0, tightest.limit - tightest.window.count),
      resetAtMs: tightest.window.startMs + this.config.windowMs,
    };
  }
}
