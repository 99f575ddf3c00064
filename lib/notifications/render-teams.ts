import { describeMessage } from "./describe-message";
import { escapeTeamsMarkdown, isSafeLink } from "./escape";
import type { MessageView, NotificationContent } from "./types";

const TONE_COLOR: Record<MessageView["tone"], string> = { high: "Attention", medium: "Warning", low: "Accent", info: "Default", warning: "Warning" };

/** Microsoft Teams incoming-webhook (Workflows or Office connector) body: one Adaptive Card. */
export type TeamsPayload = Readonly<{
  type: "message";
  attachments: readonly Readonly<{ contentType: "application/vnd.microsoft.card.adaptive"; contentUrl: null; content: Record<string, unknown> }>[];
}>;

export const renderTeams = (content: NotificationContent): TeamsPayload => {
  const view = describeMessage(content);
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: escapeTeamsMarkdown(view.heading), weight: "Bolder", size: "Medium", wrap: true, color: TONE_COLOR[view.tone], style: "heading" },
    ...view.paragraphs.map((p) => ({ type: "TextBlock", text: escapeTeamsMarkdown(p), wrap: true })),
  ];
  if (view.facts.length) body.push({ type: "FactSet", facts: view.facts.map((f) => ({ title: f.label, value: escapeTeamsMarkdown(f.value) })) });
  const actions = view.link && isSafeLink(view.link.url) ? [{ type: "Action.OpenUrl", title: view.link.label, url: view.link.url }] : [];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          fallbackText: view.subject,
          body,
          ...(actions.length ? { actions } : {}),
        },
      },
    ],
  };
};
