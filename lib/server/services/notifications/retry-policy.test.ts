import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt } from "./retry-policy";

const now = new Date("2026-11-24T00:00:00.000Z");
const delay = (attempts: number, random = 0.5, retryAfterSeconds?: number) =>
  (nextAttemptAt({ attempts, retryable: true, now, retryAfterSeconds, policy: { maxAttempts: MAX_ATTEMPTS, delaysMs: [2_000, 10_000, 60_000, 300_000, 1_800_000], random: () => random } })?.getTime() ?? NaN) - now.getTime();

describe("retry policy", () => {
  it("backs off from seconds to minutes, with ±20 % jitter", () => {
    expect([1, 2, 3, 4, 5].map((a) => delay(a))).toEqual([2_000, 10_000, 60_000, 300_000, 1_800_000]);
    expect(delay(1, 0)).toBe(1_600);
    expect(delay(1, 1)).toBe(2_400);
  });

  it("stops after the last attempt and on permanent failures", () => {
    expect(nextAttemptAt({ attempts: MAX_ATTEMPTS, retryable: true, now })).toBeNull();
    expect(nextAttemptAt({ attempts: 1, retryable: false, now })).toBeNull();
  });

  it("waits as long as a Retry-After asks, up to an hour", () => {
    expect(delay(1, 0.5, 30)).toBe(30_000);
    expect(delay(1, 0.5, 86_400)).toBe(3_600_000);
  });
});
