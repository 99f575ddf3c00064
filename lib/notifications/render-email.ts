import { describeMessage } from "./describe-message";
import { escapeHtml, isSafeLink } from "./escape";
import { describePerson } from "./format";
import type { EmailMessage, MessageView, NotificationContent } from "./types";

const TONE_COLOR: Record<MessageView["tone"], string> = { high: "#b91c1c", medium: "#b45309", low: "#1d4ed8", info: "#334155", warning: "#b45309" };
const FOOTER = "Sent by Watchpost. Notification channels are configured under Settings → Notifications.";

const renderText = (view: MessageView, withFacts: boolean): string =>
  [
    ...view.paragraphs,
    ...(withFacts && view.facts.length ? [view.facts.map((f) => `${f.label}: ${f.value}`).join("\n")] : []),
    ...(view.link ? [`${view.link.label}: ${view.link.url}`] : []),
    `--\n${FOOTER}`,
  ].join("\n\n");

const renderHtml = (view: MessageView, withFacts: boolean): string => {
  const paragraphs = view.paragraphs.map((p) => `<p style="margin:0 0 12px;white-space:pre-wrap">${escapeHtml(p)}</p>`).join("");
  const facts =
    withFacts && view.facts.length
      ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">${view.facts
          .map(
            (f) =>
              `<tr><th align="left" style="padding:2px 12px 2px 0;color:#64748b;font-weight:normal">${escapeHtml(f.label)}</th>` +
              `<td style="padding:2px 0">${escapeHtml(f.value)}</td></tr>`,
          )
          .join("")}</table>`
      : "";
  const link =
    view.link && isSafeLink(view.link.url)
      ? `<p style="margin:0 0 12px"><a href="${escapeHtml(view.link.url)}">${escapeHtml(view.link.label)}</a></p>`
      : "";
  return (
    `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:14px;color:#0f172a">` +
    `<h2 style="margin:0 0 12px;font-size:18px;border-left:4px solid ${TONE_COLOR[view.tone]};padding-left:8px">${escapeHtml(view.heading)}</h2>` +
    `${paragraphs}${facts}${link}` +
    `<p style="margin:24px 0 0;color:#64748b;font-size:12px">${escapeHtml(FOOTER)}</p></body></html>`
  );
};

/**
 * Email of a message: subject, plain text and HTML (every value escaped). A user notice is addressed to
 * the Atlassian user, so it carries the notice text as written, without the facts meant for the SOC.
 */
export const renderEmail = (content: NotificationContent): EmailMessage => {
  const view = describeMessage(content);
  const withFacts = content.type !== "user_notice";
  if (content.type === "user_notice") {
    return { subject: view.subject, text: content.text, html: renderHtml({ ...view, heading: view.subject }, false) };
  }
  const incident = content.type === "alert" ? content.alert.incident : undefined;
  const thread = incident
    ? { messageId: incident.messageId, ...(incident.isUpdate ? { inReplyTo: incident.threadMessageId, references: incident.threadMessageId } : {}) }
    : undefined;
  // One thread per incident: email clients thread on the subject as well as on In-Reply-To.
  const subject = incident && content.type === "alert" ? `${incident.isUpdate ? "Re: " : ""}[Incident] ${describePerson(content.alert.user.name, content.alert.user.email, content.alert.user.accountId)}` : view.subject;
  return { subject, text: renderText(view, withFacts), html: renderHtml(view, withFacts), ...(thread ? { thread } : {}) };
};
