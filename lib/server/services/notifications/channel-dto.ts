import { DELIVERY_KINDS, type TChannelDto, type TDeliveryDto } from "../../../shared/schemas/notifications";
import type { ChannelRecord } from "../../repositories/notification-channel-repository";
import type { DeliveryRecord } from "../../repositories/notification-delivery-repository";

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toChannelDto = (c: ChannelRecord): TChannelDto => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  enabled: c.enabled,
  minSeverity: c.minSeverity,
  policyKeys: c.policyKeys,
  messagePer: c.messagePer === "incident" ? "incident" : "alert",
  settings: (c.settings ?? {}) as Record<string, unknown>,
  secretHint: c.secretHint,
  hasSecret: c.hasSecret,
  lastSuccessAt: iso(c.lastSuccessAt),
  lastFailureAt: iso(c.lastFailureAt),
  lastError: c.lastError,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const subjectOf = (message: unknown): string => {
  const subject = (message as { subject?: unknown } | null)?.subject;
  return typeof subject === "string" ? subject : "";
};

export const toDeliveryDto = (d: DeliveryRecord): TDeliveryDto => ({
  id: d.id,
  channelId: d.channelId,
  kind: DELIVERY_KINDS.find((k) => k === d.kind) ?? "alert",
  alertId: d.alertId,
  subject: subjectOf(d.message),
  status: d.status,
  attempts: d.attempts,
  error: d.error,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: iso(d.deliveredAt),
});
