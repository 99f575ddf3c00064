import type { TConfluenceAttachment, TConfluencePage } from "./catalog";
import { escapeHtml, siteLink } from "./html";
import { sendPage, type TSiteContext, type TSiteRoute } from "./site-context";
import { errorPage, redirect, sendFile } from "./site-http";

// The version query Confluence puts on attachment links (fixed: the simulated attachments never change).
const DOWNLOAD_QUERY = "?version=1&modificationDate=1767225600000&api=v2";

const pages = (context: TSiteContext): TConfluencePage[] => context.catalog.confluence.spaces.flatMap((space) => space.pages);
const findPage = (context: TSiteContext, id: string | undefined): TConfluencePage | undefined => pages(context).find((page) => page.id === id);
const notFound = (context: TSiteContext, what: string): void => errorPage(context.response, 404, "Page not found", `${what} does not exist on this site.`);

const attachmentList = (context: TSiteContext, page: TConfluencePage): string =>
  `<h2>Attachments</h2><ul id="attachments">${page.attachments
    .map(
      (attachment) =>
        `<li>${siteLink(context.origins, `${attachment.paths[0] ?? ""}${DOWNLOAD_QUERY}`, attachment.fileName, ' class="attachment"')} ` +
        `(${attachment.size} bytes, ${escapeHtml(attachment.contentType)}) · ${siteLink(context.origins, attachment.redirectPath ?? "", "REST download", ' class="rest-download"')}</li>`,
    )
    .join("")}</ul>`;

const viewPage = (context: TSiteContext, [spaceKey, pageId]: string[]): void => {
  const page = findPage(context, pageId);
  if (!page || page.spaceKey !== spaceKey) return notFound(context, `Page ${pageId ?? ""}`);
  const others = pages(context).filter((other) => other.id !== page.id);
  // Each paragraph links another page and an attachment by absolute URL: the large page is link-dense, as real ones are.
  const paragraphs = page.paragraphs.map((text, index) => {
    const other = others[index % others.length];
    const attachment = page.attachments[index % Math.max(1, page.attachments.length)];
    const links = [other ? siteLink(context.origins, other.path, other.title) : "", attachment ? siteLink(context.origins, attachment.paths[0] ?? "", attachment.fileName) : ""];
    return `<p>${escapeHtml(text)} ${links.join(" ")}</p>`;
  });
  const body = [
    `<p class="breadcrumbs">${siteLink(context.origins, `/wiki/spaces/${page.spaceKey}/overview`, page.spaceKey)}</p>`,
    ...paragraphs,
    attachmentList(context, page),
    `<p>${siteLink(context.origins, page.pdf.paths[0] ?? "", "Export to PDF", ' id="export-pdf"')}</p>`,
  ].join("\n");
  sendPage(context, page.title, body, page.attachments[0]?.paths[0]);
};

const spaceOverview = (context: TSiteContext, [spaceKey]: string[]): void => {
  const space = context.catalog.confluence.spaces.find((candidate) => candidate.key === spaceKey);
  if (!space) return notFound(context, `Space ${spaceKey ?? ""}`);
  const list = space.pages.map((page) => `<li>${siteLink(context.origins, page.path, page.title, ' class="page-link"')}</li>`).join("");
  sendPage(context, space.name, `<ul id="pages">${list}</ul>\n<p>${siteLink(context.origins, space.export.paths[0] ?? "", "Export space", ' id="export-space"')}</p>`, space.pages[0]?.path);
};

const findAttachment = (context: TSiteContext, pageId: string | undefined, match: (attachment: TConfluenceAttachment) => boolean) =>
  findPage(context, pageId)?.attachments.find(match);

const download = async (context: TSiteContext, [pageId, fileName]: string[]): Promise<void> => {
  const attachment = findAttachment(context, pageId, (candidate) => candidate.fileName === fileName);
  return attachment ? sendFile(context.request, context.response, attachment) : notFound(context, `Attachment ${fileName ?? ""}`);
};

const restDownload = (context: TSiteContext, [pageId, attachmentId]: string[]): void => {
  const attachment = findAttachment(context, pageId, (candidate) => candidate.attachmentId === attachmentId);
  if (!attachment) return errorPage(context.response, 404, "Not found", `No attachment ${attachmentId ?? ""} on content ${pageId ?? ""}.`);
  redirect(context.response, 302, `${context.origins.baseUrl}${attachment.paths[0] ?? ""}${DOWNLOAD_QUERY}`);
};

const exportPdf = async (context: TSiteContext): Promise<void> => {
  const page = findPage(context, context.url.searchParams.get("pageId") ?? undefined);
  return page ? sendFile(context.request, context.response, page.pdf) : notFound(context, "The page to export");
};

const exportSpace = async (context: TSiteContext, [spaceKey]: string[]): Promise<void> => {
  const space = context.catalog.confluence.spaces.find((candidate) => candidate.key === spaceKey);
  if (!space) return notFound(context, `Space ${spaceKey ?? ""}`);
  const format = context.url.searchParams.get("format") ?? "xml";
  if (format !== "xml") return errorPage(context.response, 400, "Unsupported export format", "This site exports spaces as format=xml only.");
  return sendFile(context.request, context.response, space.export);
};

/** Confluence: spaces, pages, attachment downloads (direct and REST), page and space exports. */
export const CONFLUENCE_ROUTES: readonly TSiteRoute[] = [
  { method: "GET", pattern: /^\/wiki\/spaces\/flyingpdf\/pdfpageexport\.action$/, access: "page", product: "confluence", handler: exportPdf },
  { method: "GET", pattern: /^\/wiki\/spaces\/([^/]+)\/overview$/, access: "page", product: "confluence", handler: spaceOverview },
  { method: "GET", pattern: /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/[^/]*)?$/, access: "page", product: "confluence", handler: viewPage },
  { method: "GET", pattern: /^\/wiki\/spaces\/([^/]+)\/export$/, access: "page", product: "confluence", handler: exportSpace },
  { method: "GET", pattern: /^\/wiki\/download\/attachments\/(\d+)\/([^/]+)$/, access: "page", product: "confluence", handler: download },
  { method: "GET", pattern: /^\/wiki\/rest\/api\/content\/(\d+)\/child\/attachment\/([^/]+)\/download$/, access: "rest", product: "confluence", handler: restDownload },
];
