import type { Logger } from "../../logger";
import { findChannelWithSecret, type ChannelWithSecret } from "../../repositories/notification-channel-repository";
import { completeDeliveryAttempt, type ClaimedDelivery } from "../../repositories/notification-delivery-repository";
import { DeliveryError, toDeliveryError } from "./delivery-error";
import { deliverToChannel } from "./deliver-to-channel";
import { loadDeliveryContent } from "./delivery-content";
import { nextAttemptAt, type RetryPolicy } from "./retry-policy";

export type ProcessDeliveryOptions = Readonly<{
  delivery: ClaimedDelivery;
  logger: Logger;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  now?: () => Date;
  /** The channel with its secret (the loop caches it briefly); defaults to a fresh read. */
  loadChannel?: (id: string) => Promise<ChannelWithSecret | null>;
}>;

const DISABLED = "Not sent: the channel is disabled";

export type DeliveryOutcome = "succeeded" | "retrying" | "failed";

/**
 * Sends one claimed delivery and records the outcome on the delivery (succeeded, pending with the next
 * attempt time, or failed with the error) and on the channel (last success / last failure and error).
 * Alerts to a channel disabled since they were queued are not sent; tests always are.
 */
export const processDelivery = async (options: ProcessDeliveryOptions): Promise<DeliveryOutcome> => {
  const { delivery, logger, timeoutMs, retryPolicy, now = () => new Date(), loadChannel = findChannelWithSecret } = options;
  const log = logger.child({ deliveryId: delivery.id, channelId: delivery.channelId, kind: delivery.kind, attempt: delivery.attempts });
  const channel = await loadChannel(delivery.channelId);
  if (!channel) return "failed"; // deleted: its deliveries went with it
  try {
    if (!channel.enabled && delivery.kind !== "test") throw new DeliveryError(DISABLED, false);
    const content = await loadDeliveryContent(delivery);
    await deliverToChannel({ channel, content, now: now(), timeoutMs });
    await completeDeliveryAttempt({ id: delivery.id, status: "succeeded", error: null, at: now(), isRecordedOnChannel: true });
    log.debug("notification delivered");
    return "succeeded";
  } catch (error) {
    const failure = toDeliveryError(error);
    const retryAt = nextAttemptAt({ attempts: delivery.attempts, retryable: failure.retryable, retryAfterSeconds: failure.retryAfterSeconds, now: now(), policy: retryPolicy });
    await completeDeliveryAttempt({
      id: delivery.id,
      status: retryAt ? "pending" : "failed",
      error: failure.message,
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
      at: now(),
      isRecordedOnChannel: failure.message !== DISABLED,
    });
    // The error text never holds the URL or password (DeliveryError messages are built to be shown).
    log.warn({ error: failure.message, willRetry: retryAt !== null, nextAttemptAt: retryAt?.toISOString() }, "notification not delivered");
    return retryAt ? "retrying" : "failed";
  }
};
