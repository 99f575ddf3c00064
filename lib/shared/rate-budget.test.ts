import { describe, expect, it } from "vitest";
import { budgetOf, emptyBucket, LOWERED_FOR_MS, observeAnswer, shape, takeToken, type TBucketState, type TRatePriority } from "./rate-budget";

const T0 = 1_000_000;
const take = (state: TBucketState, nowMs: number, priority: TRatePriority = "live", defaultPerMinute = 50) =>
  takeToken(state, { nowMs, defaultPerMinute, priority });

/** Grants over `ms` when asking every 10 ms. */
const grantsOver = (start: TBucketState, ms: number, priority: TRatePriority = "live", defaultPerMinute = 50) => {
  let state = start;
  let granted = 0;
  for (let t = T0; t < T0 + ms; t += 10) {
    const decision = take(state, t, priority, defaultPerMinute);
    state = decision.state;
    if (decision.isGranted) granted++;
  }
  return { granted, state };
};

describe("shape of the bucket", () => {
  it("without a stated budget, never lets a full bucket plus a minute of refill exceed it", () => {
    for (const perMinute of [2, 5, 10, 50, 60, 600, 1000, 100_000]) {
      const { capacity, perMs } = shape(perMinute);
      expect(capacity + perMs * 60_000).toBeLessThanOrEqual(perMinute + 1e-9);
      if (perMinute >= 100) expect(perMs * 60_000).toBeGreaterThanOrEqual(perMinute * 0.95);
    }
  });

  it("refills a budget the server stated at 97% of it (its remaining count guards the window)", () => {
    expect(shape(50, true).perMs * 60_000).toBeCloseTo(48.5);
  });

  it("grants at most the default budget in any minute when nothing was learned", () => {
    expect(grantsOver(emptyBucket(T0, 50), 60_000).granted).toBeLessThanOrEqual(50);
    expect(grantsOver(emptyBucket(T0, 50), 60_000).granted).toBeGreaterThanOrEqual(46);
  });
});

describe("following the server's headers", () => {
  it("takes the stated limit as the budget and never spends more than the stated remaining before the reset", () => {
    const stated = { limit: 600, remaining: 3, resetAtMs: T0 + 20_000 };
    const state = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 200, stated, retryAfterMs: undefined, defaultPerMinute: 50 });
    expect(budgetOf(state, 50, T0)).toBe(600);
    const { granted, state: after } = grantsOver(state, 19_000);
    expect(granted).toBe(3);
    const next = take(after, T0 + 19_000);
    expect(next.isGranted).toBe(false);
    expect(next.waitMs).toBeGreaterThanOrEqual(1_000);
    // After the reset the learned rate applies again.
    expect(take(after, T0 + 21_000).isGranted).toBe(true);
  });

  it("lowers the remaining count within the same window, and takes a new window's count as stated", () => {
    let state = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 200, stated: { limit: 50, remaining: 10, resetAtMs: T0 + 60_000 }, retryAfterMs: undefined, defaultPerMinute: 50 });
    state = observeAnswer(state, { nowMs: T0 + 1, status: 200, stated: { limit: 50, remaining: 20, resetAtMs: T0 + 60_000 }, retryAfterMs: undefined, defaultPerMinute: 50 });
    expect(state.remaining).toBe(10);
    state = observeAnswer(state, { nowMs: T0 + 61_000, status: 200, stated: { limit: 50, remaining: 49, resetAtMs: T0 + 121_000 }, retryAfterMs: undefined, defaultPerMinute: 50 });
    expect([state.remaining, state.resetAtMs]).toEqual([49, T0 + 121_000]);
  });
});

describe("after a 429", () => {
  it("grants nothing until the reset, then refills at the budget", () => {
    const state = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 429, stated: { limit: 50, remaining: 0, resetAtMs: T0 + 30_000 }, retryAfterMs: 30_000, defaultPerMinute: 50 });
    expect(take(state, T0 + 29_000).isGranted).toBe(false);
    expect(take(state, T0 + 32_000).isGranted).toBe(true);
  });

  it("without headers, lowers the budget (at most by half) until well after the reset", () => {
    let state = emptyBucket(T0, 50);
    for (let i = 0; i < 40; i++) state = take(state, T0 + i * 1_250).state;
    const lowered = observeAnswer(state, { nowMs: T0 + 50_000, status: 429, stated: null, retryAfterMs: 10_000, defaultPerMinute: 50 });
    expect(budgetOf(lowered, 50, T0 + 50_000)).toBe(Math.floor(state.windowCount * 0.9));
    expect(budgetOf(lowered, 50, T0 + 60_000 + LOWERED_FOR_MS - 1)).toBeLessThan(50);
    expect(budgetOf(lowered, 50, T0 + 60_000 + LOWERED_FOR_MS + 1)).toBe(50);
    expect(take(lowered, T0 + 59_000).isGranted).toBe(false);
    const storm = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 429, stated: null, retryAfterMs: 5_000, defaultPerMinute: 50 });
    expect(budgetOf(storm, 50, T0)).toBe(25);
  });
});

describe("live polling first", () => {
  it("background requests leave the live reserve in the bucket", () => {
    const full = emptyBucket(T0, 50);
    const first = take(take(full, T0, "background").state, T0, "background");
    expect(first.isGranted).toBe(true);
    // One token left: background waits for a second one, a live poll takes it at once.
    expect(take(first.state, T0 + 1, "background").isGranted).toBe(false);
    expect(take(first.state, T0 + 1, "live").isGranted).toBe(true);
  });

  it("background requests leave the last stated remaining request to live polls", () => {
    const state = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 200, stated: { limit: 50, remaining: 1, resetAtMs: T0 + 30_000 }, retryAfterMs: undefined, defaultPerMinute: 50 });
    expect(take(state, T0 + 1, "background").isGranted).toBe(false);
    expect(take(state, T0 + 1, "live").isGranted).toBe(true);
  });

  it("catch-up alone still gets at least 95% of a stated budget", () => {
    const stated = observeAnswer(emptyBucket(T0, 50), { nowMs: T0, status: 200, stated: { limit: 50, remaining: 50, resetAtMs: T0 + 60_000 }, retryAfterMs: undefined, defaultPerMinute: 50 });
    expect(grantsOver(stated, 180_000, "background").granted).toBeGreaterThanOrEqual(0.95 * 150);
  });
});
