import type { Logger } from "../../logger";
import { findChannelWithSecret, type ChannelWithSecret } from "../../repositories/notification-channel-repository";
import { claimDueDeliveries } from "../../repositories/notification-delivery-repository";
import { releaseClaimsOfGoneWorkers } from "../../repositories/worker-presence-repository";
import { processDelivery, type DeliveryOutcome } from "./process-delivery";
import { queueKeyExpiryWarnings } from "./queue-key-expiry-warnings";
import type { RetryPolicy } from "./retry-policy";

export type NotifyLoopOptions = Readonly<{
  durationMs: number;
  intervalMs: number;
  logger: Logger;
  /** Sends in flight at once, and per channel: a hanging receiver holds a few slots, never the loop. */
  concurrency?: number;
  perChannel?: number;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  isStopping?: () => boolean;
  /** The worker's presence key: claims carry it, and claims of workers that are gone are freed each poll. */
  claimant?: number;
}>;

/** A claimed row is left alone by other workers this long (far more than one bounded send), unless its worker is gone. */
const LEASE_SECONDS = 300;

/** Claims of workers that are gone are looked for at most this often (the loop spins while sends are claimed). */
const RELEASE_EVERY_MS = 500;

/** Channels are read at most this often per loop: an edit or a disable applies within a second. */
const CHANNEL_CACHE_MS = 1_000;

const cachedChannels = () => {
  const cache = new Map<string, { at: number; channel: Promise<ChannelWithSecret | null> }>();
  return (id: string): Promise<ChannelWithSecret | null> => {
    const hit = cache.get(id);
    if (hit && Date.now() - hit.at < CHANNEL_CACHE_MS) return hit.channel;
    const channel = findChannelWithSecret(id);
    cache.set(id, { at: Date.now(), channel });
    channel.catch(() => cache.delete(id));
    return channel;
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The notify job's body: queues key-expiry warnings, then polls the outbox every `intervalMs` for
 * `durationMs`, keeping up to `concurrency` sends in flight, and waits for the last ones to finish.
 * Runs in its own job, so slow receivers never hold up ingestion or detection.
 */
export const runNotifyLoop = async (options: NotifyLoopOptions): Promise<Record<DeliveryOutcome, number> & { keyExpiryQueued: number }> => {
  const { durationMs, intervalMs, logger, concurrency = 16, perChannel = 4 } = options;
  const totals = { succeeded: 0, retrying: 0, failed: 0, keyExpiryQueued: 0 };
  totals.keyExpiryQueued = await queueKeyExpiryWarnings({ now: new Date() });
  if (totals.keyExpiryQueued > 0) logger.info({ queued: totals.keyExpiryQueued }, "queued API key expiry warnings");
  const inFlight = new Set<Promise<void>>();
  const perChannelInFlight = new Map<string, number>();
  const loadChannel = cachedChannels();
  const until = Date.now() + durationMs;
  let releasedAt = 0;
  while (Date.now() < until && !options.isStopping?.()) {
    const free = concurrency - inFlight.size;
    if (options.claimant !== undefined && Date.now() - releasedAt >= RELEASE_EVERY_MS) {
      releasedAt = Date.now();
      await releaseClaimsOfGoneWorkers("notification_deliveries", options.claimant);
    }
    const claimed =
      free > 0 ? await claimDueDeliveries({ limit: free, leaseSeconds: LEASE_SECONDS, perChannel, inFlightByChannel: perChannelInFlight, claimant: options.claimant }) : [];
    for (const delivery of claimed) {
      perChannelInFlight.set(delivery.channelId, (perChannelInFlight.get(delivery.channelId) ?? 0) + 1);
      const send = processDelivery({ delivery, logger, loadChannel, timeoutMs: options.timeoutMs, retryPolicy: options.retryPolicy })
        .then((outcome) => void (totals[outcome] += 1))
        .catch((error: unknown) => logger.error({ err: error, deliveryId: delivery.id }, "notification delivery crashed; retried after its lease"))
        .finally(() => {
          inFlight.delete(send);
          const left = (perChannelInFlight.get(delivery.channelId) ?? 1) - 1;
          if (left > 0) perChannelInFlight.set(delivery.channelId, left);
          else perChannelInFlight.delete(delivery.channelId);
        });
      inFlight.add(send);
    }
    if (claimed.length === 0 || inFlight.size >= concurrency) await Promise.race([sleep(intervalMs), ...inFlight]);
  }
  await Promise.all(inFlight);
  return totals;
};
