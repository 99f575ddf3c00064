import type { NotificationContent } from "./types";

/**
 * The generic webhook body (JSON, POSTed with content-type application/json). Documented in
 * docs/notifications.md; a contract for receivers, so only ever add fields.
 *
 *   {type: "alert", alert: {id, severity, policy: {key, name}, title, explanation,
 *      user: {accountId, name, email}, organization, activityCount, firstActivityAt, lastActivityAt, url}, sentAt}
 *     + with one message per incident: incidentId, update (false for the incident's first alert, then true),
 *       incident: {id, alertCount, url}
 *   {type: "test", test: {channel, message, requestedBy, url}, sentAt}
 *   {type: "user_notice", notice: {toEmail, toName, subject, text}, sentAt}
 *   {type: "connector_key_expiry", connector: {id, name, url, apiKeyExpiresAt, daysLeft, thresholdDays}, sentAt}
 */
export type WebhookPayload = Readonly<{ type: NotificationContent["type"]; sentAt: string } & Record<string, unknown>>;

export const renderWebhook = (content: NotificationContent, sentAt: Date): WebhookPayload => {
  const at = sentAt.toISOString();
  switch (content.type) {
    case "alert": {
      const { alert } = content;
      return {
        type: "alert",
        alert: {
          id: alert.id,
          severity: alert.severity,
          policy: { key: alert.policyKey, name: alert.policyName },
          title: alert.title,
          explanation: alert.explanation,
          user: { accountId: alert.user.accountId, name: alert.user.name, email: alert.user.email },
          organization: alert.connectorName,
          activityCount: alert.activityCount,
          firstActivityAt: alert.firstActivityAt,
          lastActivityAt: alert.lastActivityAt,
          url: alert.url,
        },
        ...(alert.incident
          ? { incidentId: alert.incident.id, update: alert.incident.isUpdate, incident: { id: alert.incident.id, alertCount: alert.incident.alertCount, url: alert.incident.url } }
          : {}),
        sentAt: at,
      };
    }
    case "test":
      return {
        type: "test",
        test: {
          channel: content.channelName,
          message: `Test notification from Watchpost for the channel "${content.channelName}"`,
          requestedBy: content.requestedBy,
          url: content.url,
        },
        sentAt: at,
      };
    case "user_notice":
      return { type: "user_notice", notice: { toEmail: content.toEmail, toName: content.toName, subject: content.subject, text: content.text }, sentAt: at };
    case "connector_key_expiry":
      return {
        type: "connector_key_expiry",
        connector: { ...content.connector, apiKeyExpiresAt: content.expiresAt, daysLeft: content.daysLeft, thresholdDays: content.thresholdDays },
        sentAt: at,
      };
  }
};
