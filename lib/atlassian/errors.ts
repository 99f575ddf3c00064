/**
 * Typed failures of the Atlassian Admin API client. `kind` is what callers branch on:
 * - unauthorized: missing, unknown, expired or revoked API key (401); the admin must renew the key.
 * - forbidden: the key is valid but may not do this (403), e.g. a non-managed account.
 * - not_found: unknown org, user, event or token (404).
 * - rate_limited: 429; `retryAfterMs` says how long to wait when the server told us.
 * - server: any 5xx.
 * - network: connection refused/reset, DNS failure, body cut off.
 * - timeout: no complete answer within the client's timeout.
 * - malformed: a 2xx whose body is not JSON or does not match the wire schema.
 * - bad_request: any other 4xx (invalid cursor, limit above the maximum, ...).
 */
export const ATLASSIAN_ERROR_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "server",
  "network",
  "timeout",
  "malformed",
  "bad_request",
] as const;
export type TAtlassianErrorKind = (typeof ATLASSIAN_ERROR_KINDS)[number];

const RETRYABLE: ReadonlySet<TAtlassianErrorKind> = new Set(["rate_limited", "server", "network", "timeout", "malformed"]);

export type TAtlassianApiErrorInit = {
  kind: TAtlassianErrorKind;
  message: string;
  method: string;
  url: string;
  status?: number;
  retryAfterMs?: number;
  /** Parsed JSON error body, or the first 500 characters of a non-JSON body. */
  body?: unknown;
  cause?: unknown;
};

export class AtlassianApiError extends Error {
  override name = "AtlassianApiError";
  readonly kind: TAtlassianErrorKind;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;

  constructor(init: TAtlassianApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
  }

  /** True for failures that may pass on a later attempt (after `retryAfterMs` or a backoff). */
  get isRetryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export const isAtlassianApiError = (error: unknown): error is AtlassianApiError => error instanceof AtlassianApiError;

/** Maps an HTTP status that is not 2xx to an error kind. */
export const kindForStatus = (status: number): TAtlassianErrorKind => {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "bad_request";
};

/**
 * How long to wait before retrying: `Retry-After` (seconds or an HTTP date) first, else the ISO 8601
 * `X-RateLimit-Reset` (atlassian-api.md §1.2); undefined when neither is usable, so the caller backs off.
 */
export const retryAfterMsFromHeaders = (headers: Headers, nowMs: number): number | undefined => {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (reset) {
    const date = Date.parse(reset);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  return undefined;
};
