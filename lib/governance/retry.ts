import { isAtlassianApiError } from "../atlassian";
import type { TGovernanceActionKind } from "../shared/schemas/governance";

/** Attempts per action, the first included; then the action is failed with the last error. */
export const MAX_ATTEMPTS = 5;

export type TBackoffOptions = Readonly<{
  /** Delay before the first retry (default 2 s). */
  baseMs?: number;
  /** Growth per attempt (default 3: 2 s, 6 s, 18 s, 54 s). */
  factor?: number;
  /** ± share of the delay drawn at random so that many failed actions do not retry in lockstep (default 0.25). */
  jitter?: number;
  /** Upper bound of one delay (default 5 min). */
  maxMs?: number;
  random?: () => number;
}>;

/** The wait before attempt `failedAttempts + 1`: exponential, with jitter. */
export const backoffDelayMs = (failedAttempts: number, options: TBackoffOptions = {}): number => {
  const { baseMs = 2_000, factor = 3, jitter = 0.25, maxMs = 300_000, random = Math.random } = options;
  const exact = Math.min(maxMs, baseMs * factor ** Math.max(0, failedAttempts - 1));
  return Math.max(0, Math.round(exact * (1 + jitter * (2 * random() - 1))));
};

export type TFailure = Readonly<{
  /** True when a later attempt may succeed (network, timeout, 429, 5xx, mail transport). */
  isRetryable: boolean;
  /** What the governance log shows. */
  message: string;
  /** The server said how long to wait (429 Retry-After). */
  retryAfterMs?: number;
}>;

const USER_GONE: Partial<Record<TGovernanceActionKind, string>> = {
  suspend_user: "The user is no longer in the organization (Atlassian answered 404 to suspend-access)",
  unsuspend_user: "The user is no longer in the organization (Atlassian answered 404 to restore-access)",
  require_sign_in: "The user or the API token is no longer in the organization (Atlassian answered 404)",
};

/**
 * Sorts a failure of an action into retry-later or fail-now, with the message the governance log shows.
 * 401/403/404 and other 4xx from Atlassian never pass on a retry; neither does an error that says so
 * itself (`retryable === false`, e.g. no email channel configured). Anything else unknown is retried: a
 * transient failure must not be lost, and the attempt limit still ends it.
 */
export const classifyFailure = (action: TGovernanceActionKind, error: unknown): TFailure => {
  if (isAtlassianApiError(error)) {
    const status = error.status ? ` (HTTP ${error.status})` : "";
    switch (error.kind) {
      case "unauthorized":
        return { isRetryable: false, message: "Atlassian refused the connector's API key (HTTP 401): it is invalid, expired or revoked; renew the API key" };
      case "forbidden":
        return {
          isRetryable: false,
          message:
            action === "require_sign_in"
              ? "Atlassian refused (HTTP 403): the account is not managed by this organization, or the API key may not manage its API tokens"
              : "Atlassian refused (HTTP 403): the API key may not change this user's access",
        };
      case "not_found":
        return { isRetryable: false, message: USER_GONE[action] ?? "Not found in Atlassian (HTTP 404)" };
      case "bad_request":
        return { isRetryable: false, message: `Atlassian refused the request${status}: ${error.message}` };
      case "rate_limited":
        return { isRetryable: true, message: "Rate limited by the Atlassian API (HTTP 429)", retryAfterMs: error.retryAfterMs };
      case "server":
        return { isRetryable: true, message: `The Atlassian API answered with a server error${status}` };
      case "network":
        return { isRetryable: true, message: "Network error: cannot reach the Atlassian API" };
      case "timeout":
        return { isRetryable: true, message: "The Atlassian API did not answer in time" };
      case "malformed":
        return { isRetryable: true, message: "The Atlassian API answered with an unexpected body" };
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  const isRetryable = !(typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === false);
  return { isRetryable, message };
};

export type TNextStep = Readonly<{ kind: "retry"; delayMs: number } | { kind: "fail" }>;

/** After a failed attempt (attempts counts it): retry after a backoff, or give up. */
export const nextStepAfter = (failure: TFailure, attempts: number, backoff: TBackoffOptions = {}): TNextStep => {
  if (!failure.isRetryable || attempts >= MAX_ATTEMPTS) return { kind: "fail" };
  return { kind: "retry", delayMs: Math.max(backoffDelayMs(attempts, backoff), Math.min(failure.retryAfterMs ?? 0, backoff.maxMs ?? 300_000)) };
};

/** The error the log keeps after the last attempt: says how many attempts were made when it was retried. */
export const finalErrorMessage = (failure: TFailure, attempts: number): string =>
  failure.isRetryable ? `${failure.message} (gave up after ${attempts} attempts)` : failure.message;
