import type { z } from "zod";
import { guardedFetch, targetRefusalOf, type TTargetPolicy } from "../net/guarded-fetch";
import { readCappedText } from "../shared/read-capped-text";
import { AtlassianApiError, kindForStatus, retryAfterMsFromHeaders } from "./errors";

/** Rate-limit state from the X-RateLimit-* headers, which Atlassian sends on every response. */
export type TRateLimitInfo = { limit: number; remaining: number; resetAt: Date };

export type TQueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export type TRequest<T> = {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, TQueryValue>;
  body?: unknown;
  /** Schema of a 2xx body; omit for endpoints that answer 204 or whose body we ignore. */
  schema?: z.ZodType<T>;
};

export type TResponse<T> = { status: number; data: T; rateLimit: TRateLimitInfo | null };

export type TTransportOptions = {
  /** Default https://api.atlassian.com; the simulator's base URL in tests and the demo. */
  baseUrl?: string;
  apiKey: string;
  /** Whole-request timeout, headers and body included. Default 30 s. */
  timeoutMs?: number;
  /** Defaults to a fetch that refuses non-public addresses (CONNECTOR_TARGET_POLICY). */
  fetch?: typeof globalThis.fetch;
  /** Largest response body read; a longer one fails as `malformed` ("bad response"). Default 20 MB. */
  maxBodyBytes?: number;
  /** Clock used to turn X-RateLimit-Reset into a wait; injectable for tests. */
  now?: () => number;
  /** Called (and awaited) after every HTTP answer, 429s included, before the result or error is returned. */
  onResponse?: (observation: TRateLimitObservation) => Promise<void> | void;
};

/** What one answer said about the rate limit; the shared request budget follows it (rate-gate.ts). */
export type TRateLimitObservation = Readonly<{ method: string; path: string; status: number; rateLimit: TRateLimitInfo | null; retryAfterMs: number | undefined }>;

export type TTransport = <T>(request: TRequest<T>) => Promise<TResponse<T>>;

export const DEFAULT_BASE_URL = "https://api.atlassian.com";
const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Atlassian is on the public internet: only public addresses, except plain http to a loopback IP literal
 * (the simulator that tests and the demo run on http://127.0.0.1:<port>).
 */
export const CONNECTOR_TARGET_POLICY: TTargetPolicy = { allowPrivate: false, allowLoopbackHttpLiteral: true };

/** undici's fetch rejects with "fetch failed" and puts the reason (ECONNREFUSED, "unexpected redirect"…) in `cause`. */
const innerMessage = (error: unknown): string => {
  const inner = (error as { cause?: { message?: unknown } }).cause?.message;
  const outer = (error as Error).message;
  return typeof inner === "string" && inner ? `${outer} (${inner})` : outer;
};

class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

/** Reads the body as text, giving up (and closing the stream) past `maxBytes` instead of buffering it all. */
const readCapped = async (response: Response, maxBytes: number): Promise<string> => {
  const text = await readCappedText(response.body, response.headers.get("content-length"), maxBytes);
  if (text === null) throw new BodyTooLargeError();
  return text;
};

/** Builds `base + path + ?query`; arrays repeat the parameter (`actor=a&actor=b`). */
export const buildUrl = (baseUrl: string, path: string, query: Record<string, TQueryValue> = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, String(item));
    else params.append(name, String(value));
  }
  const search = params.toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`;
};

export const parseRateLimit = (headers: Headers): TRateLimitInfo | null => {
  const limit = Number(headers.get("x-ratelimit-limit"));
  const remaining = Number(headers.get("x-ratelimit-remaining"));
  const resetAt = new Date(headers.get("x-ratelimit-reset") ?? "");
  if (!headers.has("x-ratelimit-limit") || Number.isNaN(limit) || Number.isNaN(remaining) || Number.isNaN(resetAt.getTime())) return null;
  return { limit, remaining, resetAt };
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

const errorDetail = (body: unknown): string | undefined => {
  const first = (body as { errors?: { detail?: unknown; title?: unknown }[] } | null)?.errors?.[0];
  const detail = first?.detail ?? first?.title;
  return typeof detail === "string" ? detail : undefined;
};

/**
 * Creates the HTTP layer of the client: bearer auth, one timeout covering the whole exchange, and every
 * failure mapped to an AtlassianApiError. Parsing with the caller's zod schema makes a drifting wire
 * format fail loudly as `malformed` instead of leaking half-typed data into the sync.
 */
export const createTransport = (options: TTransportOptions): TTransport => {
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? guardedFetch(CONNECTOR_TARGET_POLICY);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const now = options.now ?? Date.now;

  return async <T>(request: TRequest<T>): Promise<TResponse<T>> => {
    const method = request.method ?? "GET";
    const url = buildUrl(baseUrl, request.path, request.query);
    const fail = (init: Omit<ConstructorParameters<typeof AtlassianApiError>[0], "method" | "url">) =>
      new AtlassianApiError({ ...init, method, url });
    const controller = new AbortController();
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      controller.abort();
    }, timeoutMs);
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const response = await doFetch(url, {
        method,
        signal: controller.signal,
        // A redirect could lead anywhere, the API key included; the Atlassian API never redirects.
        redirect: "error",
        headers: {
          Authorization: `Bearer ${options.apiKey}`,
          Accept: "application/json",
          ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      status = response.status;
      headers = response.headers;
      text = await readCapped(response, maxBodyBytes);
    } catch (cause) {
      if (cause instanceof BodyTooLargeError) {
        throw fail({ kind: "malformed", message: `${method} ${url} → response body larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB`, cause });
      }
      if (isTimedOut) throw fail({ kind: "timeout", message: `${method} ${url} timed out after ${timeoutMs} ms`, cause });
      const refusal = targetRefusalOf(cause);
      throw fail({ kind: "network", message: `${method} ${url} failed: ${refusal?.reason ?? innerMessage(cause)}`, cause: refusal ?? cause });
    } finally {
      clearTimeout(timer);
    }

    const rateLimit = parseRateLimit(headers);
    const retryAfterMs = status === 429 ? retryAfterMsFromHeaders(headers, now()) : undefined;
    await options.onResponse?.({ method, path: request.path, status, rateLimit, retryAfterMs });
    if (status < 200 || status > 299) {
      const parsed = parseJson(text);
      const body = parsed.ok ? parsed.value : text.slice(0, 500);
      const kind = kindForStatus(status);
      const detail = errorDetail(body);
      throw fail({ kind, status, retryAfterMs, body, message: `${method} ${url} → ${status}${detail ? `: ${detail}` : ""}` });
    }
    if (!request.schema) return { status, data: undefined as T, rateLimit };
    const parsed = parseJson(text);
    if (!parsed.ok) throw fail({ kind: "malformed", status, body: text.slice(0, 500), message: `${method} ${url} → body is not JSON` });
    const result = request.schema.safeParse(parsed.value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "schema mismatch";
      throw fail({ kind: "malformed", status, message: `${method} ${url} → unexpected body (${where})`, cause: result.error });
    }
    return { status, data: result.data, rateLimit };
  };
};
