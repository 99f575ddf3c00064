import { describe, expect, it } from "vitest";
import { decideThrottle, LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES } from "./login-throttle";

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const none = { count: 0, oldest: null };

describe("decideThrottle", () => {
  it("allows up to the limit", () => {
    expect(decideThrottle({ email: { count: MAX_LOGIN_FAILURES - 1, oldest: minutesAgo(5) }, ip: none }, now).isLimited).toBe(false);
  });

  it("limits by email once the limit is reached, until the oldest failure leaves the window", () => {
    const state = decideThrottle({ email: { count: MAX_LOGIN_FAILURES, oldest: minutesAgo(5) }, ip: none }, now);
    expect(state).toEqual({ isLimited: true, retryAfterSeconds: 10 * 60 });
  });

  it("limits by IP independently of the email", () => {
    const state = decideThrottle({ email: none, ip: { count: 9, oldest: minutesAgo(14) } }, now);
    expect(state).toEqual({ isLimited: true, retryAfterSeconds: 60 });
  });

  it("takes the later of two limits and never says 0 seconds", () => {
    const state = decideThrottle({ email: { count: 5, oldest: minutesAgo(1) }, ip: { count: 5, oldest: new Date(now.getTime() - LOGIN_WINDOW_MS) } }, now);
    expect(state).toEqual({ isLimited: true, retryAfterSeconds: 14 * 60 });
    expect(decideThrottle({ email: none, ip: { count: 5, oldest: new Date(now.getTime() - LOGIN_WINDOW_MS) } }, now).retryAfterSeconds).toBe(1);
  });
});
