import { guardedFetch, targetRefusalOf, type TTargetPolicy } from "../../../net/guarded-fetch";
import { DeliveryError } from "./delivery-error";
import { describeRefusal, notificationTargetPolicy } from "./target-policy";

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;
const RETRYABLE_STATUS = new Set([408, 425, 429]);

const retryAfterSeconds = (header: string | null): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
};

const describeNetworkError = (error: unknown, timeoutMs: number, policy: TTargetPolicy): DeliveryError => {
  // Permanent until the URL or WATCHPOST_ALLOW_PRIVATE_TARGETS changes; the reason names host and address only.
  const refusal = targetRefusalOf(error);
  if (refusal) return new DeliveryError(`Refused: ${describeRefusal(refusal.reason, policy)}`, false);
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return new DeliveryError(`No answer within ${timeoutMs / 1000} s (timed out)`, true);
  // undici puts the reason (ECONNREFUSED, ENOTFOUND, certificate errors…) in `cause`; its message may
  // name host and port but never the path, where Slack and Teams keep the credential.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? "network error";
  return new DeliveryError(`Could not reach the receiver (${code})`, true);
};

/** A generic reason per status class: the receiver's body is never echoed (it may hold anything, from anyone). */
const statusReason = (status: number): string => {
  if (status === 429) return "rate limited by the receiver";
  if (status >= 500) return "the receiver failed";
  if (status === 401 || status === 403) return "the receiver refused the credentials in the URL";
  if (status === 404 || status === 410) return "no such webhook at the receiver";
  return "the receiver refused the request";
};

/**
 * POSTs JSON to a webhook with one overall timeout. Redirects are followed only to the same origin
 * (307/308, at most 3): a receiver must not bounce our payload to another host. Every connection obeys
 * the address rules (notificationTargetPolicy). Throws DeliveryError.
 */
export const postWebhook = async (url: string, payload: unknown, options: Readonly<{ timeoutMs?: number; policy?: TTargetPolicy }> = {}): Promise<{ status: number }> => {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const policy = options.policy ?? notificationTargetPolicy();
  const doFetch = guardedFetch(policy);
  const signal = AbortSignal.timeout(timeoutMs);
  const body = JSON.stringify(payload);
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await doFetch(target, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Watchpost-Notifications/1" },
        body,
        redirect: "manual",
        signal,
      });
    } catch (error) {
      throw describeNetworkError(error, timeoutMs, policy);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get("location");
      const next = location ? new URL(location, target) : null;
      if (!next || next.origin !== target.origin || (response.status !== 307 && response.status !== 308)) {
        throw new DeliveryError(`The receiver redirected (HTTP ${response.status}) elsewhere; redirects to other hosts are not followed`, false);
      }
      target = next;
      continue;
    }
    try {
      if (response.ok) {
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status };
      }
      await response.body?.cancel().catch(() => undefined);
      const isRetryable = response.status >= 500 || RETRYABLE_STATUS.has(response.status);
      throw new DeliveryError(`HTTP ${response.status}: ${statusReason(response.status)}`, isRetryable, retryAfterSeconds(response.headers.get("retry-after")));
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw describeNetworkError(error, timeoutMs, policy);
    }
  }
  throw new DeliveryError(`Too many redirects (more than ${MAX_REDIRECTS})`, false);
};
