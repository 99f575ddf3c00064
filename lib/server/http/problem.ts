import { APP_ERROR_STATUS, type TAppErrorCode, type TInvalidParam, type TProblem } from "../../shared/errors";

const TITLES: Record<TAppErrorCode | "internal", string> = {
  bad_request: "Bad request",
  validation_failed: "Invalid input",
  unauthenticated: "Authentication required",
  forbidden: "Forbidden",
  password_change_required: "Password change required",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  unavailable: "Service unavailable",
  internal: "Internal error",
};

/** An RFC 9457 problem+json response. */
export const problemResponse = (
  options: Readonly<{ code: TAppErrorCode | "internal"; detail: string; invalidParams?: readonly TInvalidParam[]; requestId?: string; retryAfterSeconds?: number }>,
): Response => {
  const status = options.code === "internal" ? 500 : APP_ERROR_STATUS[options.code];
  const body: TProblem = {
    type: "about:blank",
    title: TITLES[options.code],
    status,
    detail: options.detail,
    code: options.code,
    ...(options.invalidParams?.length ? { invalid_params: options.invalidParams } : {}),
    ...(options.requestId ? { requestId: options.requestId } : {}),
    error: { code: options.code, message: options.detail },
  };
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  if (options.retryAfterSeconds) headers["retry-after"] = String(options.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status, headers });
};
