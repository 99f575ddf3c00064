const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attributes. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

/** Slack mrkdwn: only &, < and > are control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeSlack = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Adaptive Card text is markdown (Teams renders **bold**, _italic_ and [links](url)): user-controlled text
 * such as an alert title must not become a link, so markdown's control characters get a backslash.
 */
export const escapeTeamsMarkdown = (value: string): string => value.replace(/[\\`*_[\]()]/g, (c) => `\\${c}`);

/** Only http(s) links are rendered as links; anything else is shown as text. */
export const isSafeLink = (url: string): boolean => {
  try {
    const { protocol } = new URL(url);
    return protocol === "https:" || protocol === "http:";
  } catch {
    return false;
  }
};
