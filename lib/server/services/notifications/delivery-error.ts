/**
 * A failed send. `retryable` says whether trying again later may succeed (timeouts, connection errors,
 * 5xx, 429, SMTP 4xx); the message is safe to store and show (never contains a webhook URL or password).
 */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Seconds the receiver asked us to wait (Retry-After), if any. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Any thrown value as a DeliveryError; unknown errors count as transient but keep only their message. */
export const toDeliveryError = (error: unknown): DeliveryError => {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError(message.slice(0, 500), true);
};
