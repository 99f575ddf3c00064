import { describe, expect, it } from "vitest";
import { AtlassianApiError, type TAtlassianErrorKind } from "../atlassian";
import { backoffDelayMs, classifyFailure, finalErrorMessage, MAX_ATTEMPTS, nextStepAfter } from "./retry";

const apiError = (kind: TAtlassianErrorKind, status?: number, retryAfterMs?: number) =>
  new AtlassianApiError({ kind, status, retryAfterMs, message: `POST https://api.example/x → ${status ?? "?"}`, method: "POST", url: "https://api.example/x" });

describe("classifyFailure", () => {
  it.each([
    ["server", 500],
    ["server", 503],
    ["network", undefined],
    ["timeout", undefined],
    ["malformed", 200],
    ["rate_limited", 429],
  ] as const)("retries %s (%s)", (kind, status) => {
    expect(classifyFailure("suspend_user", apiError(kind, status)).isRetryable).toBe(true);
  });

  it.each([
    ["unauthorized", 401, /API key/],
    ["forbidden", 403, /403/],
    ["not_found", 404, /no longer in the organization/],
    ["bad_request", 400, /refused the request \(HTTP 400\)/],
  ] as const)("fails %s (%s) at once with a clear message", (kind, status, message) => {
    const failure = classifyFailure("suspend_user", apiError(kind, status));
    expect(failure.isRetryable).toBe(false);
    expect(failure.message).toMatch(message);
  });

  it("explains a 403 on require_sign_in as an unmanaged account", () => {
    expect(classifyFailure("require_sign_in", apiError("forbidden", 403)).message).toMatch(/not managed by this organization/);
  });

  it("keeps the server's Retry-After of a 429", () => {
    expect(classifyFailure("unsuspend_user", apiError("rate_limited", 429, 7_000))).toMatchObject({ isRetryable: true, retryAfterMs: 7_000 });
  });

  it("honours retryable === false on other errors (no email channel) and retries the rest", () => {
    const noChannel = Object.assign(new Error("No email channel is configured"), { retryable: false });
    expect(classifyFailure("notify_user", noChannel)).toEqual({ isRetryable: false, message: "No email channel is configured" });
    expect(classifyFailure("notify_user", new Error("ECONNREFUSED")).isRetryable).toBe(true);
    expect(classifyFailure("notify_user", Object.assign(new Error("timeout"), { retryable: true })).isRetryable).toBe(true);
  });
});

describe("backoff", () => {
  it("grows exponentially from seconds, within the jitter", () => {
    const exact = (n: number) => backoffDelayMs(n, { random: () => 0.5 });
    expect([1, 2, 3, 4].map(exact)).toEqual([2_000, 6_000, 18_000, 54_000]);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelayMs(1);
      expect(delay).toBeGreaterThanOrEqual(1_500);
      expect(delay).toBeLessThanOrEqual(2_500);
    }
    expect(backoffDelayMs(20, { random: () => 1 })).toBe(375_000);
    expect(backoffDelayMs(20, { random: () => 0.5 })).toBe(300_000);
  });

  it("retries transient failures up to the attempt limit, then fails", () => {
    const transient = classifyFailure("suspend_user", apiError("server", 500));
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) expect(nextStepAfter(transient, attempts).kind).toBe("retry");
    expect(nextStepAfter(transient, MAX_ATTEMPTS)).toEqual({ kind: "fail" });
    expect(finalErrorMessage(transient, MAX_ATTEMPTS)).toBe("The Atlassian API answered with a server error (HTTP 500) (gave up after 5 attempts)");
  });

  it("never retries a permanent failure, and waits at least Retry-After", () => {
    expect(nextStepAfter(classifyFailure("suspend_user", apiError("not_found", 404)), 1)).toEqual({ kind: "fail" });
    const limited = classifyFailure("suspend_user", apiError("rate_limited", 429, 30_000));
    expect(nextStepAfter(limited, 1, { random: () => 0.5 })).toEqual({ kind: "retry", delayMs: 30_000 });
  });
});
