import { DeliveryError } from "./delivery-error";

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

const describeNetworkError = (error: unknown, timeoutMs: number): DeliveryError => {
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return new DeliveryError(`No answer within ${timeoutMs / 1000} s (timed out)`, true);
  // undici puts the reason (ECONNREFUSED, ENOTFOUND, certificate errors…) in `cause`; its message may
  // name host and port but never the path, where Slack and Teams keep the credential.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? "network error";
  return new DeliveryError(`Could not reach the receiver (${code})`, true);
};

const bodySnippet = async (response: Response): Promise<string> => {
  const text = await response.text().catch(() => "");
  const clean = text.replace(/\s+/g, " ").trim().slice(0, 200);
  return clean ? `: ${clean}` : "";
};

/**
 * POSTs JSON to a webhook with one overall timeout. Redirects are followed only to the same origin
 * (307/308, at most 3): a receiver must not bounce our payload to another host. Throws DeliveryError.
 */
export const postWebhook = async (url: string, payload: unknown, options: Readonly<{ timeoutMs?: number }> = {}): Promise<{ status: number }> => {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const body = JSON.stringify(payload);
  let target = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Watchpost-Notifications/1" },
        body,
        redirect: "manual",
        signal,
      });
    } catch (error) {
      throw describeNetworkError(error, timeoutMs);
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
      const detail = await bodySnippet(response);
      const isRetryable = response.status >= 500 || RETRYABLE_STATUS.has(response.status);
      throw new DeliveryError(`HTTP ${response.status}${detail}`, isRetryable, retryAfterSeconds(response.headers.get("retry-after")));
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw describeNetworkError(error, timeoutMs);
    }
  }
  throw new DeliveryError(`Too many redirects (more than ${MAX_REDIRECTS})`, false);
};
