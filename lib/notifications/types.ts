import type { TSeverity } from "../shared/schemas/policies";

/** An alert as notifications show it (rendered at send time from the alert row). */
export type AlertNotice = Readonly<{
  id: string;
  severity: TSeverity;
  policyKey: string;
  policyName: string;
  title: string;
  explanation: string;
  user: Readonly<{ accountId: string | null; name: string | null; email: string | null }>;
  connectorName: string | null;
  activityCount: number;
  /** ISO 8601 timestamps. */
  firstActivityAt: string;
  lastActivityAt: string;
  /** Link to the alert page: `${public URL}/alerts/{id}`. */
  url: string;
  /** Set for a channel with one message per incident (issue 25). */
  incident?: IncidentThread;
}>;

/**
 * The incident an alert belongs to, for a channel with one message per incident. The first alert's message starts
 * the incident's thread; later ones (`isUpdate`) reply to it (email), update it (webhook) or say the alert joined it
 * (chat webhooks, which cannot edit). Message ids are derived from the incident and channel: nothing to store.
 */
export type IncidentThread = Readonly<{
  id: string;
  alertCount: number;
  isUpdate: boolean;
  /** `${public URL}/incidents/{id}`. */
  url: string;
  /** Email: this message's Message-ID and the thread's first one (In-Reply-To, References). */
  messageId: string;
  threadMessageId: string;
}>;

/** Everything a channel can be asked to deliver. Stored in notification_deliveries.message.content (except alerts). */
export type NotificationContent =
  | Readonly<{ type: "alert"; alert: AlertNotice }>
  | Readonly<{ type: "test"; channelName: string; requestedBy: string | null; url: string }>
  | Readonly<{ type: "user_notice"; toEmail: string; toName: string | null; subject: string; text: string }>
  | Readonly<{
      type: "connector_key_expiry";
      connector: Readonly<{ id: string; name: string; url: string }>;
      /** ISO 8601. */
      expiresAt: string;
      daysLeft: number;
      /** The warning threshold this message is for (30, 7 or 1 days). */
      thresholdDays: number;
    }>;

export type NotificationType = NotificationContent["type"];

/** What a message says, independent of the channel format. */
export type MessageView = Readonly<{
  subject: string;
  heading: string;
  paragraphs: readonly string[];
  facts: readonly Readonly<{ label: string; value: string }>[];
  link: Readonly<{ label: string; url: string }> | null;
  /** Accent of chat cards: alert severity, or "info" / "warning". */
  tone: TSeverity | "info" | "warning";
}>;

export type EmailMessage = Readonly<{
  subject: string;
  text: string;
  html: string;
  /** Threading headers (incident messages). */
  thread?: Readonly<{ messageId: string; inReplyTo?: string; references?: string }>;
}>;
