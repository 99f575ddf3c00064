import { describeMessage } from "./describe-message";
import { escapeSlack, isSafeLink } from "./escape";
import { truncate } from "./format";
import type { MessageView, NotificationContent } from "./types";

const TONE_EMOJI: Record<MessageView["tone"], string> = { high: ":red_circle:", medium: ":large_orange_circle:", low: ":large_blue_circle:", info: ":information_source:", warning: ":warning:" };

/** Slack incoming-webhook body: `text` (notifications, fallback) and Block Kit `blocks`. */
export type SlackPayload = Readonly<{ text: string; blocks: readonly Record<string, unknown>[] }>;

// Block Kit limits: header 150 characters, section text 3000, at most 10 fields of 2000 each.
export const renderSlack = (content: NotificationContent): SlackPayload => {
  const view = describeMessage(content);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: truncate(view.heading, 150), emoji: true } },
    ...view.paragraphs.slice(0, 5).map((p) => ({ type: "section", text: { type: "mrkdwn", text: truncate(escapeSlack(p), 3000) } })),
  ];
  if (view.facts.length) {
    blocks.push({
      type: "section",
      fields: view.facts.slice(0, 10).map((f) => ({ type: "mrkdwn", text: truncate(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, 2000) })),
    });
  }
  if (view.link && isSafeLink(view.link.url)) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: view.link.label }, url: view.link.url }] });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "Sent by Watchpost" }] });
  return { text: `${TONE_EMOJI[view.tone]} ${escapeSlack(view.subject)}`, blocks };
};
