// What a blocked request gets instead of the site's answer (docs/session-proxy.md, "Session policies"): the proxy's own
// block page or notice file, never upstream content, never cached.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TSessionPolicy } from "../../shared/schemas/session-policies";

/** The one-time URLs of notices, on the proxied site's own host (a block page's refresh downloads the notice from there). */
export const NOTICE_PATH_PREFIX = "/__watchpost/notice/";
/** A notice waits this long for its block page to ask for it. */
const NOTICE_TTL_MS = 120_000;
const MAX_NOTICES = 10_000;

export type TNotice = Readonly<{ fileName: string; text: string; policyId: string }>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The notice's name: the original file's, plus .txt (download.txt when the request named none). Control characters and path separators dropped. */
export const noticeFileName = (original: string | null): string => `${(original ?? "").replace(/[\u0000-\u001f\u007f/\\]/g, "").trim().slice(0, 200) || "download"}.txt`;

const messageOf = (policy: TSessionPolicy, orgName: string) => policy.action.blockMessage?.trim() || `${orgName} does not allow this on this device or network (session policy "${policy.name}").`;
const contactOf = (policy: TSessionPolicy) => policy.action.contact?.trim() || "your IT or security team";

/** Defender's notice: "Download restricted by <org> policy <name>", then the policy's message and whom to contact. */
export const noticeOf = (policy: TSessionPolicy, orgName: string, originalFileName: string | null): TNotice => ({
  fileName: noticeFileName(originalFileName),
  policyId: policy.id,
  text: [
    `Download restricted by ${orgName} policy ${policy.name}`,
    "",
    messageOf(policy, orgName),
    "",
    `File: ${originalFileName ?? "(unnamed)"}`,
    `Contact: ${contactOf(policy)}`,
    "",
  ].join("\n"),
});

/** A browser navigation (an address typed, a link followed) rather than a script's fetch or a command-line client. */
export const isNavigation = (req: IncomingMessage): boolean => {
  const mode = req.headers["sec-fetch-mode"];
  return mode === "navigate" || (mode === undefined && /text\/html/i.test(req.headers.accept ?? ""));
};

export const createNoticeStore = () => {
  const notices = new Map<string, { notice: TNotice; expiresAt: number }>();
  return {
    /** Keeps a notice for one download; returns its path. */
    put: (notice: TNotice): string => {
      const now = Date.now();
      if (notices.size >= MAX_NOTICES) for (const [token, entry] of notices) if (entry.expiresAt < now || notices.size >= MAX_NOTICES) notices.delete(token);
      const token = randomBytes(18).toString("base64url");
      notices.set(token, { notice, expiresAt: now + NOTICE_TTL_MS });
      return `${NOTICE_PATH_PREFIX}${token}`;
    },
    /** The notice of a path, once: a second request for it is a 404. */
    take: (pathname: string): TNotice | null => {
      const token = pathname.slice(NOTICE_PATH_PREFIX.length);
      const entry = notices.get(token);
      notices.delete(token);
      return entry && entry.expiresAt >= Date.now() ? entry.notice : null;
    },
  };
};
export type TNoticeStore = ReturnType<typeof createNoticeStore>;

const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string): number => {
  const bytes = Buffer.from(body, "utf8");
  res.writeHead(status, { ...headers, "content-length": String(bytes.length), "cache-control": "no-store", "x-content-type-options": "nosniff" });
  res.end(bytes);
  return bytes.length;
};

/** The .txt notice as an attachment (its name in ASCII and in UTF-8). Returns the bytes sent. */
export const sendNotice = (res: ServerResponse, notice: TNotice, status = 200): number => {
  const ascii = notice.fileName.replace(/[^\x20-\x7e]|["%]/g, "_");
  return send(
    res,
    status,
    {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(notice.fileName)}`,
      "x-watchpost-blocked": notice.policyId,
    },
    notice.text,
  );
};

const blockPage = (policy: TSessionPolicy, orgName: string, noticePath: string | null) => {
  const title = `Blocked by ${policy.name}`;
  const refresh = noticePath ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(noticePath)}">` : "";
  const download = noticePath ? `<p>Instead of the file, a short notice is downloaded: <a href="${escapeHtml(noticePath)}">download the notice</a>.</p>` : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p id="block-message">${escapeHtml(messageOf(policy, orgName))}</p><p>Contact: ${escapeHtml(contactOf(policy))}</p>${download}<p>Watchpost session proxy, for ${escapeHtml(orgName)}</p></body></html>`;
};

/**
 * Answers a blocked request. A download or export: a browser navigation gets the 403 block page, which downloads the
 * notice itself (meta refresh to a one-time URL), anything else the notice directly (200, X-Watchpost-Blocked). Any
 * other activity: the 403 block page, or a short text for non-navigations. Returns the bytes sent.
 */
export const sendBlocked = (
  input: Readonly<{ req: IncomingMessage; res: ServerResponse; policy: TSessionPolicy; orgName: string; isDownload: boolean; fileName: string | null; notices: TNoticeStore }>,
): number => {
  const { req, res, policy, orgName } = input;
  const blockedHeader = { "x-watchpost-blocked": policy.id };
  if (input.isDownload) {
    const notice = noticeOf(policy, orgName, input.fileName);
    if (!isNavigation(req)) return sendNotice(res, notice);
    return send(res, 403, { ...blockedHeader, "content-type": "text/html; charset=utf-8" }, blockPage(policy, orgName, input.notices.put(notice)));
  }
  if (isNavigation(req)) return send(res, 403, { ...blockedHeader, "content-type": "text/html; charset=utf-8" }, blockPage(policy, orgName, null));
  return send(res, 403, { ...blockedHeader, "content-type": "text/plain; charset=utf-8" }, `Blocked by ${policy.name}: ${messageOf(policy, orgName)}\n`);
};
