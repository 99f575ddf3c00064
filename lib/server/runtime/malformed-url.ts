import type { ServerResponse } from "node:http";

/**
 * Whether the request path's percent-escapes decode (as UTF-8). Next.js answers a bare text 500 when
 * they do not (e.g. /api/v1/alerts/%ED%A0%80), so scripts/web.ts refuses such URLs first.
 */
export const hasDecodablePath = (url: string): boolean => {
  const pathname = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
};

const DETAIL = "The URL's path is not valid (malformed percent-encoding)";

/** 400 problem+json, as with-route would answer, with the security headers next.config.js would add. */
export const refuseMalformedUrl = (res: ServerResponse): void => {
  const body = JSON.stringify({ type: "about:blank", title: "Bad request", status: 400, detail: DETAIL, code: "bad_request", error: { code: "bad_request", message: DETAIL } });
  res.writeHead(400, {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
  });
  res.end(body);
};
