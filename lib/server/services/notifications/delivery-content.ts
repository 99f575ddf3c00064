import type { NotificationContent } from "../../../notifications/types";
import { type ClaimedDelivery } from "../../repositories/notification-delivery-repository";
import { findAlertForNotification } from "../../repositories/alert-lookup-repository";
import { DeliveryError } from "./delivery-error";
import { publicUrl } from "./public-url";

const STORED_TYPES = new Set(["test", "user_notice", "connector_key_expiry"]);

/**
 * What a delivery says. Alerts are rendered from the alert row at send time (the outbox row only holds
 * the subject); the other kinds carry their content in the message, written when they were queued.
 */
export const loadDeliveryContent = async (delivery: Pick<ClaimedDelivery, "kind" | "alertId" | "message">): Promise<NotificationContent> => {
  if (delivery.kind === "alert") {
    const alert = delivery.alertId ? await findAlertForNotification(delivery.alertId) : null;
    if (!alert) throw new DeliveryError("The alert no longer exists", false);
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
      },
    };
  }
  const content = (delivery.message as { content?: { type?: unknown } } | null)?.content;
  if (!content || typeof content.type !== "string" || !STORED_TYPES.has(content.type) || content.type !== delivery.kind) {
    throw new DeliveryError(`The queued ${delivery.kind} message is malformed`, false);
  }
  return content as NotificationContent;
};
