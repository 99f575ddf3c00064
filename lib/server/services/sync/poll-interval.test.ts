import { describe, expect, it } from "vitest";
import { nextPollInterval, pollBounds } from "./poll-interval";

describe("live poll interval", () => {
  const bounds = pollBounds({ minSeconds: 2, maxSeconds: 30, perMinute: 1000 });

  it("stays at the floor while events arrive and backs off to the ceiling when quiet", () => {
    expect(bounds).toEqual({ minMs: 2_000, maxMs: 30_000 });
    const quiet: number[] = [];
    let interval = bounds.minMs;
    for (let i = 0; i < 6; i++) quiet.push((interval = nextPollInterval(interval, false, bounds)));
    expect(quiet).toEqual([4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(nextPollInterval(30_000, true, bounds)).toBe(2_000);
  });

  it("keeps idle polling within a tenth of a small budget", () => {
    // 50 requests/min (Atlassian's events-stream figure): 2 polls/min at 30 s is 4%.
    expect(pollBounds({ minSeconds: 2, maxSeconds: 30, perMinute: 50 }).maxMs).toBe(30_000);
    // 10/min: a tenth is 1 request/min, so the quiet interval rises to 60 s.
    const small = pollBounds({ minSeconds: 2, maxSeconds: 30, perMinute: 10 });
    expect(small.maxMs).toBe(60_000);
    expect(60_000 / small.maxMs).toBeLessThanOrEqual(10 * 0.1);
  });

  it("never goes below the floor, even from a smaller stored value", () => {
    expect(nextPollInterval(500, false, bounds)).toBe(2_000);
  });
});
