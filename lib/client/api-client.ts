import type { TInvalidParam, TProblem } from "../shared/errors";

/** An API failure rebuilt from the server's problem+json body. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly invalidParams: readonly TInvalidParam[] = [],
  ) {
    super(message);
  }
  /** Field errors keyed by the first path segment, for forms. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.invalidParams.map((p) => [p.name.split(".")[0] ?? p.name, p.reason]));
  }
}

/** fetch + JSON for our own /api routes; throws ApiError with the server's message. */
export const apiFetch = async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: { accept: "application/json", ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, "Cannot reach the Watchpost server. Check your connection and try again.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = body as Partial<TProblem> | null;
    throw new ApiError(response.status, problem?.detail ?? `Request failed (HTTP ${response.status})`, problem?.invalid_params ?? []);
  }
  return body as T;
};
