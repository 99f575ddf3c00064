/** Closed set of error codes; `with-route` maps each to one HTTP status. */
export const APP_ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** Signed in with a temporary password: only changing it is allowed. */
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_STATUS;

export type TInvalidParam = Readonly<{ name: string; reason: string }>;

/** An expected failure with a message safe to show to the user. */
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: TAppErrorCode,
    message: string,
    readonly invalidParams: readonly TInvalidParam[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** RFC 9457 problem details as sent by every /api route. */
export type TProblem = Readonly<{
  type: string;
  title: string;
  status: number;
  detail: string;
  code: TAppErrorCode | "internal";
  invalid_params?: readonly TInvalidParam[];
  requestId?: string;
  /** The same code and message in the `{error: {code, message}}` shape some API clients expect. */
  error: { code: TAppErrorCode | "internal"; message: string };
}>;
