import { beforeEach, describe, expect, it } from "vitest";
import { resetApiRateLimits, takeApiRequest } from "./api-rate-limit";

beforeEach(resetApiRateLimits);

const take = (key: string, perMinute: number, now: number, times: number) => Array.from({ length: times }, () => takeApiRequest(key, perMinute, now));

describe("takeApiRequest", () => {
  it("allows perMinute requests at once, then limits with Retry-After until the bucket refills", () => {
    const now = 1_000_000;
    expect(take("token:a", 600, now, 600).every((d) => !d.isLimited)).toBe(true);
    expect(takeApiRequest("token:a", 600, now)).toEqual({ isLimited: true, retryAfterSeconds: 1 });
    // 600 a minute is one every 100 ms.
    expect(takeApiRequest("token:a", 600, now + 100).isLimited).toBe(false);
    expect(takeApiRequest("token:a", 600, now + 100).isLimited).toBe(true);
    expect(take("token:a", 600, now + 60_100, 600).every((d) => !d.isLimited)).toBe(true);
  });

  it("says how long to wait for a slow budget", () => {
    take("session:u", 6, 0, 6);
    expect(takeApiRequest("session:u", 6, 0)).toEqual({ isLimited: true, retryAfterSeconds: 10 });
    expect(takeApiRequest("session:u", 6, 9_000)).toEqual({ isLimited: true, retryAfterSeconds: 1 });
    expect(takeApiRequest("session:u", 6, 10_000).isLimited).toBe(false);
  });

  it("keeps callers apart", () => {
    take("token:a", 5, 0, 5);
    expect(takeApiRequest("token:a", 5, 0).isLimited).toBe(true);
    expect(takeApiRequest("token:b", 5, 0).isLimited).toBe(false);
    expect(takeApiRequest("session:a", 5, 0).isLimited).toBe(false);
  });
});
