import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileChunks, type TSiteFile } from "./catalog";
import { escapeHtml } from "./html";
import { parseRange } from "./range";
import { contentDisposition } from "./text";

export const sendHtml = (response: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void => {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(html);
};

export const sendJson = (response: ServerResponse, status: number, value: unknown): void => {
  const body = JSON.stringify(value);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  response.end(body);
};

export const redirect = (response: ServerResponse, status: 302 | 303, location: string, headers: Record<string, string | string[]> = {}): void => {
  response.writeHead(status, { Location: location, "Content-Length": 0, "Cache-Control": "no-store", ...headers });
  response.end();
};

/** A bare error page (unknown site, unknown path, 403), as the site's HTML answers. */
export const errorPage = (response: ServerResponse, status: number, title: string, detail: string): void =>
  sendHtml(response, status, `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>\n`);

/**
 * Serves a file with its type, disposition and length; one `Range` (206 with Content-Range, 416 past the end).
 * The bytes are streamed with backpressure, so a 100 MB file never sits in memory.
 */
export const sendFile = async (request: IncomingMessage, response: ServerResponse, file: TSiteFile): Promise<void> => {
  const range = parseRange(request.headers.range, file.size);
  const headers = {
    "Content-Type": file.contentType,
    "Content-Disposition": contentDisposition(file.fileName),
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-cache",
  };
  if (range.kind === "unsatisfiable") {
    response.writeHead(416, { ...headers, "Content-Range": `bytes */${file.size}`, "Content-Length": 0 });
    response.end();
    return;
  }
  const [start, end] = range.kind === "partial" ? [range.start, range.end] : [0, file.size - 1];
  response.writeHead(range.kind === "partial" ? 206 : 200, {
    ...headers,
    "Content-Length": end - start + 1,
    ...(range.kind === "partial" ? { "Content-Range": `bytes ${start}-${end}/${file.size}` } : {}),
  });
  if (request.method === "HEAD" || end < start) {
    response.end();
    return;
  }
  try {
    await pipeline(Readable.from(fileChunks(file, start, end), { objectMode: false }), response);
  } catch {
    // The client went away mid-download (a cancelled or resumed transfer): nothing to answer any more.
  }
};

const MAX_FORM_BYTES = 64 * 1024;

/** An application/x-www-form-urlencoded body; null when it is of another type or too large. */
export const readForm = async (request: IncomingMessage): Promise<URLSearchParams | null> => {
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
};
