import type { IncomingMessage } from "node:http";

/** What a route handler returns; `body` is already-serialized JSON (or deliberately broken text). */
export type TSimResponse = { status: number; body?: string | Buffer; headers?: Record<string, string> };

export const json = (status: number, value: unknown, headers?: Record<string, string>): TSimResponse => ({
  status,
  body: JSON.stringify(value),
  headers,
});

export const noContent = (): TSimResponse => ({ status: 204 });

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** [S] Error body shape (atlassian-api.md §1.2): `{"errors":[{status, code, title, detail}]}`. */
export const errorResponse = (status: number, code: string, detail: string, headers?: Record<string, string>): TSimResponse =>
  json(status, { errors: [{ status: String(status), code, title: TITLES[status] ?? "Error", detail }] }, headers);

/** Thrown by handlers; the server turns it into errorResponse. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export const badRequest = (code: string, detail: string): SimHttpError => new SimHttpError(400, code, detail);
export const notFound = (code: string, detail: string): SimHttpError => new SimHttpError(404, code, detail);

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads and parses a JSON request body; 400 for invalid JSON, 413 past 64 MiB. */
export const readJsonBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimHttpError(413, "PAYLOAD_TOO_LARGE", "body larger than 64 MiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest("INVALID_JSON", "request body is not valid JSON");
  }
};

/** Formats zod issues as one line for an error detail. */
export const describeIssues = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
