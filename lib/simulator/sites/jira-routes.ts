import type { TJiraAttachment, TJiraIssue } from "./catalog";
import { escapeHtml, siteLink } from "./html";
import { sendPage, type TSiteContext, type TSiteRoute } from "./site-context";
import { errorPage, redirect, sendFile } from "./site-http";
import { signMediaToken } from "./site-runtime";

const issues = (context: TSiteContext): TJiraIssue[] => context.catalog.jira.projects.flatMap((project) => project.issues);
const attachments = (context: TSiteContext): TJiraAttachment[] => issues(context).flatMap((issue) => issue.attachments);
const notFound = (context: TSiteContext, what: string): void => errorPage(context.response, 404, "Not found", `${what} does not exist on this site.`);

/** The signed, short-lived media URL of an attachment, as Jira's REST download redirects to. */
export const mediaUrl = (context: TSiteContext, attachment: TJiraAttachment): string => {
  const token = signMediaToken(context.runtime, context.site.name, attachment.mediaId);
  return `${context.origins.mediaBaseUrl}/file/${attachment.mediaId}/binary?token=${encodeURIComponent(token)}&client=simulator&name=${encodeURIComponent(attachment.fileName)}`;
};

const viewIssue = (context: TSiteContext, [projectKey, number]: string[]): void => {
  const issue = issues(context).find((candidate) => candidate.key === `${projectKey ?? ""}-${number ?? ""}`);
  if (!issue) return notFound(context, `Issue ${projectKey ?? ""}-${number ?? ""}`);
  const { origins } = context;
  const list = issue.attachments
    .map((attachment) => {
      const media = mediaUrl(context, attachment);
      const preview = attachment.contentType.startsWith("image/") ? ` <img class="thumbnail" alt="" width="48" src="${escapeHtml(media)}">` : "";
      return (
        `<li>${siteLink(origins, attachment.paths[0] ?? "", attachment.fileName, ' class="attachment"')} (${attachment.size} bytes) · ` +
        `${siteLink(origins, attachment.redirectPath ?? "", "REST download", ' class="rest-download"')} · ` +
        `<a class="media-link" href="${escapeHtml(media)}">Open in media viewer</a>${preview}</li>`
      );
    })
    .join("");
  const filter = context.catalog.jira.filters[0];
  const body = [
    `<p id="status">Status: ${escapeHtml(issue.status)}</p>`,
    `<p id="description">${escapeHtml(issue.description)}</p>`,
    `<h2>Attachments</h2><ul id="attachments">${list}</ul>`,
    filter ? `<p>${siteLink(origins, filter.csv.paths[0] ?? "", `Export "${filter.name}" to CSV`, ' id="export-csv"')}</p>` : "",
  ].join("\n");
  sendPage(context, `${issue.key} ${issue.summary}`, body, issue.attachments[0]?.redirectPath);
};

const download = async (context: TSiteContext, [attachmentId, fileName]: string[]): Promise<void> => {
  const attachment = attachments(context).find((candidate) => candidate.attachmentId === attachmentId && candidate.fileName === fileName);
  return attachment ? sendFile(context.request, context.response, attachment) : notFound(context, `Attachment ${attachmentId ?? ""}`);
};

const restContent = (context: TSiteContext, [attachmentId]: string[]): void => {
  const attachment = attachments(context).find((candidate) => candidate.attachmentId === attachmentId);
  if (!attachment) return notFound(context, `Attachment ${attachmentId ?? ""}`);
  redirect(context.response, 302, mediaUrl(context, attachment));
};

const exportCsv = async (context: TSiteContext, [filterId]: string[]): Promise<void> => {
  const filters = context.catalog.jira.filters;
  // "temp" is a search that was never saved (jqlQuery in the query): the simulator answers with its one filter.
  const filter = filterId === "temp" ? filters[0] : filters.find((candidate) => candidate.id === filterId);
  return filter ? sendFile(context.request, context.response, filter.csv) : notFound(context, `Filter ${filterId ?? ""}`);
};

/** Jira: issues, attachments (direct, and REST via the media host), the filter CSV export. */
export const JIRA_ROUTES: readonly TSiteRoute[] = [
  { method: "GET", pattern: /^\/browse\/([A-Z][A-Z0-9_]*)-(\d+)$/, access: "page", product: "jira-software", handler: viewIssue },
  { method: "GET", pattern: /^\/secure\/attachment\/(\d+)\/([^/]+)$/, access: "page", product: "jira-software", handler: download },
  { method: "GET", pattern: /^\/rest\/api\/[23]\/attachment\/content\/(\d+)$/, access: "rest", product: "jira-software", handler: restContent },
  {
    method: "GET",
    pattern: /^\/sr\/jira\.issueviews:searchrequest-csv-all-fields\/([^/]+)\/SearchRequest(?:-\d+)?\.csv$/,
    access: "page",
    product: "jira-software",
    handler: exportCsv,
  },
];
