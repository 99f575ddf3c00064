import { describePerson, formatUtc } from "./format";
import type { MessageView, NotificationContent } from "./types";

const SEVERITY_LABEL = { low: "Low", medium: "Medium", high: "High" } as const;

/** The channel-independent view of a message: subject, heading, paragraphs, facts and a link. */
export const describeMessage = (content: NotificationContent): MessageView => {
  switch (content.type) {
    case "alert": {
      const { alert } = content;
      const user = describePerson(alert.user.name, alert.user.email, alert.user.accountId);
      const incident = alert.incident;
      const joined = incident ? `Joined incident for ${user} (${incident.alertCount} alert${incident.alertCount === 1 ? "" : "s"})` : null;
      return {
        // Chat tools cannot edit a posted message: a later alert says which incident it joined (email: renderEmail's subject).
        subject: joined && incident?.isUpdate ? `${joined}: ${alert.title}` : `[${alert.severity.toUpperCase()}] ${incident ? `New incident for ${user}: ` : ""}${alert.title}`,
        heading: incident?.isUpdate ? `${joined}: ${alert.title}` : alert.title,
        paragraphs: [alert.explanation, ...(incident && !incident.isUpdate ? [`New incident for ${user}: alerts about this account are grouped into it.`] : [])],
        facts: [
          ...(incident ? [{ label: "Incident", value: `${incident.alertCount} alert${incident.alertCount === 1 ? "" : "s"}: ${incident.url}` }] : []),
          { label: "Severity", value: SEVERITY_LABEL[alert.severity] },
          { label: "Policy", value: alert.policyName },
          { label: "User", value: user },
          ...(alert.connectorName ? [{ label: "Organization", value: alert.connectorName }] : []),
          { label: "First activity", value: formatUtc(alert.firstActivityAt) },
          { label: "Last activity", value: formatUtc(alert.lastActivityAt) },
          { label: "Activities", value: String(alert.activityCount) },
        ],
        link: { label: "Open the alert in Watchpost", url: alert.url },
        tone: alert.severity,
      };
    }
    case "test":
      return {
        subject: `Watchpost test notification for "${content.channelName}"`,
        heading: "Test notification",
        paragraphs: [
          `This is a test message for the notification channel "${content.channelName}". If you can read it, the channel works.`,
        ],
        facts: content.requestedBy ? [{ label: "Sent by", value: content.requestedBy }] : [],
        link: { label: "Open Watchpost", url: content.url },
        tone: "info",
      };
    case "user_notice":
      return {
        subject: content.subject,
        heading: content.subject,
        paragraphs: content.text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean),
        facts: [{ label: "To", value: describePerson(content.toName, content.toEmail) }],
        link: null,
        tone: "info",
      };
    case "connector_key_expiry": {
      const when = content.daysLeft <= 1 ? "within a day" : `in ${content.daysLeft} days`;
      return {
        subject: `Atlassian API key of "${content.connector.name}" expires ${when}`,
        heading: `API key expires ${when}`,
        paragraphs: [
          `The Atlassian API key of the connector "${content.connector.name}" expires on ${formatUtc(content.expiresAt)}. ` +
            "When it expires, syncing stops and the connector turns to Error. Create a new key in Atlassian " +
            "administration (Settings → API keys) and use Rotate API key on the connector page.",
        ],
        facts: [
          { label: "Connector", value: content.connector.name },
          { label: "Expires", value: formatUtc(content.expiresAt) },
        ],
        link: { label: "Open the connector", url: content.connector.url },
        tone: "warning",
      };
    }
  }
};
