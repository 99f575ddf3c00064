// The proxy's own answers (unknown host, upstream down): small HTML pages that never echo more than a host name.
import type { ServerResponse } from "node:http";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const sendPage = (res: ServerResponse, status: number, title: string, text: string): void => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p>Watchpost session proxy</p></body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
};

export const sendUnknownHost = (res: ServerResponse, host: string | null): void =>
  sendPage(res, 404, "Site not found", host ? `${host.slice(0, 253)} is not a site this proxy protects.` : "The request names no host this proxy serves.");

export const sendUpstreamDown = (res: ServerResponse, host: string): void =>
  sendPage(res, 502, "Site unreachable", `The proxy could not reach ${host}. Try again in a moment.`);
