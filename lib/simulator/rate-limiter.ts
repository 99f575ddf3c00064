import { z } from "zod";

/**
 * Per-key limits as Atlassian documents them today (atlassian-api.md §1.2): 50 requests/min per API path, 60/min
 * per user (the key) across paths, 10/min on /events.
 */
export const ZRateLimitConfig = z.object({
  /** false = never answer 429 and state no limit (no X-RateLimit-* headers); most tests and benchmarks. */
  enabled: z.boolean().default(true),
  /** Per user: every path of one key counts (historically "per key"; the field keeps its name). */
  perMinute: z.number().int().positive().default(60),
  /** Per API path (route pattern) and key. */
  perPathPerMinute: z.number().int().positive().default(50),
  /** The /events path (list and single event) since May 2025. */
  eventsPerMinute: z.number().int().positive().default(10),
  /** false = limits enforced with 429s (and Retry-After) but no X-RateLimit-* headers on any answer. */
  headers: z.boolean().default(true),
  /** Length of the fixed window; "per minute" means 60 000 ms. */
  windowMs: z.number().int().positive().default(60_000),
});
export type TRateLimitConfig = z.infer<typeof ZRateLimitConfig>;

/** Body of POST /__sim/rate-limits: any subset, merged into the current limits (no defaults applied). */
export const ZRateLimitUpdate = z
  .object({
    enabled: z.boolean(),
    perMinute: z.number().int().positive(),
    perPathPerMinute: z.number().int().positive(),
    eventsPerMinute: z.number().int().positive(),
    headers: z.boolean(),
    windowMs: z.number().int().positive(),
  })
  .partial();
export type TRateLimitConfigInput = z.input<typeof ZRateLimitConfig>;

/** `global`: the user's; `events`: the /events path; `path:<method> <pattern>`: any other path. */
export type TBucketName = "global" | "events" | `path:${string}`;

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
    if (bucket === "events") return this.config.eventsPerMinute;
    return bucket === "global" ? this.config.perMinute : this.config.perPathPerMinute;
  }

  /**
   * Counts one request in the user's bucket and its path's. A refused request is not counted. The decision
   * reported is the refusing bucket's, else the path's (Atlassian states the per-path limit).
   */
  take(key: string, buckets: readonly TBucketName[]): TRateLimitDecision {
    const nowMs = this.now();
    const states = buckets.map((bucket) => ({ bucket, window: this.window(key, bucket, nowMs), limit: this.limitOf(bucket) }));
    const refused = this.config.enabled ? states.find((state) => state.window.count >= state.limit) : undefined;
    if (refused) return { isAllowed: false, limit: refused.limit, remaining: 0, resetAtMs: refused.window.startMs + this.config.windowMs };
    for (const state of states) state.window.count++;
    const reported = states.find((state) => state.bucket !== "global") ?? states[0];
    if (!reported) throw new Error("a request takes from at least one bucket");
    return {
      isAllowed: true,
      limit: reported.limit,
      remaining: Math.max(0, reported.limit - reported.window.count),
      resetAtMs: reported.window.startMs + this.config.windowMs,
    };
  }
}
