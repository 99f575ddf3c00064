import { z } from "zod";
import type { IncidentThread, NotificationContent } from "../../../notifications/types";
import { findIncidentById } from "../../repositories/incident-repository";
import { type ClaimedDelivery } from "../../repositories/notification-delivery-repository";
import { findAlertForNotification } from "../../repositories/alert-lookup-repository";
import { DeliveryError } from "./delivery-error";
import { publicUrl } from "./public-url";

const STORED_TYPES = new Set(["test", "user_notice", "connector_key_expiry"]);

const ZQueuedIncident = z.object({ incident: z.object({ id: z.uuid(), update: z.boolean() }) });

/** An incident channel's alert delivery names its incident (queued by the fan-out); its figures are read at send time. */
const incidentThreadOf = async (delivery: Pick<ClaimedDelivery, "message" | "channelId">, alertId: string): Promise<IncidentThread | null> => {
  const queued = ZQueuedIncident.safeParse(delivery.message);
  if (!queued.success) return null;
  const { id, update } = queued.data.incident;
  const incident = await findIncidentById(id);
  if (!incident) return null;
  const domain = new URL(publicUrl()).hostname || "watchpost";
  return {
    id,
    alertCount: incident.alertCount,
    isUpdate: update,
    url: `${publicUrl()}/incidents/${id}`,
    messageId: update ? `<incident-${id}.alert-${alertId}.${delivery.channelId}@${domain}>` : `<incident-${id}.${delivery.channelId}@${domain}>`,
    threadMessageId: `<incident-${id}.${delivery.channelId}@${domain}>`,
  };
};

/**
 * What a delivery says. Alerts are rendered from the alert row at send time (the outbox row only holds
 * the subject); the other kinds carry their content in the message, written when they were queued.
 */
export const loadDeliveryContent = async (delivery: Pick<ClaimedDelivery, "kind" | "alertId" | "message" | "channelId">): Promise<NotificationContent> => {
  if (delivery.kind === "alert") {
    const alert = delivery.alertId ? await findAlertForNotification(delivery.alertId) : null;
    if (!alert) throw new DeliveryError("The alert no longer exists", false);
    const incident = await incidentThreadOf(delivery, alert.id);
    return {
      type: "alert",
      alert: {
        id: alert.id,
        severity: alert.severity,
        policyKey: alert.policyKey,
        policyName: alert.policyName,
        title: alert.title,
        explanation: alert.explanation,
        user: { accountId: alert.userAccountId, name: alert.userName, email: alert.userEmail },
        connectorName: alert.connector.name,
        activityCount: alert.activityCount,
        firstActivityAt: alert.firstActivityAt.toISOString(),
        lastActivityAt: alert.lastActivityAt.toISOString(),
        url: `${publicUrl()}/alerts/${alert.id}`,
        ...(incident ? { incident } : {}),
      },
    };
  }
  const content = (delivery.message as { content?: { type?: unknown } } | null)?.content;
  if (!content || typeof content.type !== "string" || !STORED_TYPES.has(content.type) || content.type !== delivery.kind) {
    throw new DeliveryError(`The queued ${delivery.kind} message is malformed`, false);
  }
  return content as NotificationContent;
};
