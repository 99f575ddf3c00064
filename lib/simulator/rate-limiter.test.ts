import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

describe("RateLimiter", () => {
  const setup = (config = {}) => {
    const clock = { ms: 1_000_000 };
    return { clock, limiter: new RateLimiter({ perMinute: 3, eventsPerMinute: 2, ...config }, () => clock.ms) };
  };

  it("counts per key in fixed windows and refuses past the limit until the window ends", () => {
    const { clock, limiter } = setup();
    expect(limiter.take("k", ["global"])).toEqual({ isAllowed: true, limit: 3, remaining: 2, resetAtMs: 1_060_000 });
    limiter.take("k", ["global"]);
    limiter.take("k", ["global"]);
    expect(limiter.take("k", ["global"])).toEqual({ isAllowed: false, limit: 3, remaining: 0, resetAtMs: 1_060_000 });
    expect(limiter.take("other", ["global"]).isAllowed).toBe(true);
    clock.ms += 60_000;
    expect(limiter.take("k", ["global"])).toMatchObject({ isAllowed: true, remaining: 2, resetAtMs: 1_120_000 });
  });

  it("applies the /events bucket on top of the global one and reports the tighter", () => {
    const { limiter } = setup();
    expect(limiter.take("k", ["global", "events"])).toMatchObject({ limit: 2, remaining: 1 });
    expect(limiter.take("k", ["global", "events"])).toMatchObject({ isAllowed: true, remaining: 0 });
    expect(limiter.take("k", ["global", "events"])).toMatchObject({ isAllowed: false, limit: 2 });
    // The refused request did not count: one global request is left.
    expect(limiter.take("k", ["global"])).toMatchObject({ isAllowed: true, remaining: 0, limit: 3 });
  });

  it("never refuses when disabled but still counts for the headers", () => {
    const { limiter } = setup({ enabled: false });
    for (let i = 0; i < 5; i++) expect(limiter.take("k", ["global"]).isAllowed).toBe(true);
    expect(limiter.take("k", ["global"]).remaining).toBe(0);
  });

  it("limits each path and the user across paths, and reports the path's counters", () => {
    const { limiter } = setup({ perMinute: 5, perPathPerMinute: 3 });
    const stream = ["global", "path:GET /stream"] as const;
    const users = ["global", "path:GET /users"] as const;
    expect(limiter.take("k", stream)).toMatchObject({ isAllowed: true, limit: 3, remaining: 2 });
    limiter.take("k", stream);
    limiter.take("k", stream);
    expect(limiter.take("k", stream)).toMatchObject({ isAllowed: false, limit: 3, remaining: 0 });
    // Another path has its own 3, but the user's 5 run out after two of them.
    expect(limiter.take("k", users)).toMatchObject({ isAllowed: true, limit: 3, remaining: 2 });
    expect(limiter.take("k", users)).toMatchObject({ isAllowed: true, remaining: 1 });
    expect(limiter.take("k", users)).toMatchObject({ isAllowed: false, limit: 5 });
  });

  it("defaults to the documented 50 per path and 60 per user a minute", () => {
    const limiter = new RateLimiter({}, () => 0);
    expect(limiter.config).toMatchObject({ perPathPerMinute: 50, perMinute: 60, eventsPerMinute: 10, headers: true, enabled: true });
  });
});
