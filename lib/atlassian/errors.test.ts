import { describe, expect, it } from "vitest";
import { AtlassianApiError, kindForStatus, retryAfterMsFromHeaders } from "./errors";

const NOW = Date.parse("2026-01-05T08:00:00.000Z");

describe("kindForStatus", () => {
  it.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "bad_request"],
    [429, "rate_limited"],
    [500, "server"],
    [503, "server"],
  ] as const)("maps %i to %s", (status, kind) => expect(kindForStatus(status)).toBe(kind));
});

describe("retryAfterMsFromHeaders", () => {
  it("reads Retry-After in seconds", () => {
    expect(retryAfterMsFromHeaders(new Headers({ "Retry-After": "17" }), NOW)).toBe(17_000);
  });

  it("reads Retry-After as an HTTP date", () => {
    expect(retryAfterMsFromHeaders(new Headers({ "Retry-After": new Date(NOW + 5000).toUTCString() }), NOW)).toBe(5000);
  });

  it("falls back to the ISO 8601 X-RateLimit-Reset", () => {
    expect(retryAfterMsFromHeaders(new Headers({ "X-RateLimit-Reset": "2026-01-05T08:00:42.000Z" }), NOW)).toBe(42_000);
  });

  it("prefers Retry-After over X-RateLimit-Reset", () => {
    const headers = new Headers({ "Retry-After": "3", "X-RateLimit-Reset": "2026-01-05T08:00:42.000Z" });
    expect(retryAfterMsFromHeaders(headers, NOW)).toBe(3000);
  });

  it("is undefined without usable headers, so the caller backs off", () => {
    expect(retryAfterMsFromHeaders(new Headers({ "Retry-After": "soon" }), NOW)).toBeUndefined();
    expect(retryAfterMsFromHeaders(new Headers(), NOW)).toBeUndefined();
  });

  it("never returns a negative wait for a reset in the past", () => {
    expect(retryAfterMsFromHeaders(new Headers({ "X-RateLimit-Reset": "2026-01-05T07:59:00.000Z" }), NOW)).toBe(0);
  });
});

describe("AtlassianApiError", () => {
  it("tells retryable kinds apart", () => {
    const error = (kind: AtlassianApiError["kind"]) => new AtlassianApiError({ kind, message: kind, method: "GET", url: "http://x" });
    expect(error("rate_limited").isRetryable).toBe(true);
    expect(error("timeout").isRetryable).toBe(true);
    expect(error("unauthorized").isRetryable).toBe(false);
    expect(error("bad_request").isRetryable).toBe(false);
    expect(error("not_found")).toBeInstanceOf(Error);
  });
});
