import { describeMessage } from "../../../notifications/describe-message";
import { daysLeft as daysLeftOf, KEY_EXPIRY_THRESHOLDS_DAYS, keyExpiryThreshold } from "../../../notifications/key-expiry";
import type { NotificationContent } from "../../../notifications/types";
import { queueKeyExpiryDeliveries } from "../../repositories/notification-delivery-repository";
import { listConnectorsWithExpiringKeys } from "../../repositories/connector-repository";
import { publicUrl } from "./public-url";

/**
 * Queues a connector_key_expiry delivery to every enabled channel for each connector whose key is within
 * 30, 7 or 1 days of expiry: once per (connector, threshold, channel) thanks to the dedupe key, and again
 * for a rotated key's own thresholds. Returns the number of deliveries queued.
 */
export const queueKeyExpiryWarnings = async (options: Readonly<{ now: Date }>): Promise<number> => {
  const { now } = options;
  let queued = 0;
  for (const connector of await listConnectorsWithExpiringKeys(now, KEY_EXPIRY_THRESHOLDS_DAYS[0])) {
    const thresholdDays = keyExpiryThreshold(connector.apiKeyExpiresAt, now);
    if (thresholdDays === null) continue;
    const daysLeft = daysLeftOf(connector.apiKeyExpiresAt, now);
    const content: NotificationContent = {
      type: "connector_key_expiry",
      connector: { id: connector.id, name: connector.name, url: `${publicUrl()}/connectors/${connector.id}` },
      expiresAt: connector.apiKeyExpiresAt.toISOString(),
      daysLeft,
      thresholdDays,
    };
    const message = { subject: describeMessage(content).subject, content };
    queued += await queueKeyExpiryDeliveries({ connectorId: connector.id, thresholdDays, apiKeySetAt: connector.apiKeySetAt, message });
  }
  return queued;
};
