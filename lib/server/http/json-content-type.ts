import { AppError } from "../../shared/errors";

/** Whether the request carries a body: a length above 0, a chunked body, or a declared content type. */
const carriesBody = (headers: Headers): boolean => {
  const length = headers.get("content-length");
  if (length !== null && length.trim() !== "" && length.trim() !== "0") return true;
  return headers.has("transfer-encoding") || headers.has("content-type");
};

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export const isJsonMediaType = (contentType: string | null): boolean =>
  contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";

/**
 * A mutation sent with ambient credentials (a session cookie, or none) that carries a body must say it is JSON:
 * an HTML form or a no-cors fetch can only send urlencoded, multipart or text/plain bodies cross-site without a
 * preflight, so this is a second CSRF layer under the Origin check. Body-less requests (the portal's DELETEs and
 * empty POSTs) send no content type and pass. Throws 415 otherwise.
 */
export const assertJsonBody = (req: Request): void => {
  if (!carriesBody(req.headers) || isJsonMediaType(req.headers.get("content-type"))) return;
  throw new AppError("unsupported_media_type", "Send the request body as application/json");
};
