import { isAtlassianApiError } from "../../../atlassian";
import { targetRefusalOf } from "../../../net/guarded-fetch";
import { AppError } from "../../../shared/errors";

const refusedMessage = (reason: string): string => `API base URL refused: ${reason} (only public addresses, or http://127.0.0.1:<port> for the simulator)`;

/** A precise, user-facing reason for a failed call to the Atlassian API (never includes the key). */
export const describeAtlassianError = (error: unknown): string => {
  if (!isAtlassianApiError(error)) return "Unexpected error while calling the Atlassian API";
  switch (error.kind) {
    case "unauthorized":
      return "The API key is invalid, expired or revoked: renew the API key";
    case "forbidden":
      return "The API key lacks access to this organization (it needs an organization admin API key)";
    case "not_found":
      return "Organization not found: check the Organization ID";
    case "rate_limited":
      return `Rate limited by the Atlassian API${error.retryAfterMs ? `; retry in ${Math.ceil(error.retryAfterMs / 1000)} s` : ""}`;
    case "server":
      return `The Atlassian API answered with a server error${error.status ? ` (HTTP ${error.status})` : ""}`;
    case "network": {
      const refusal = targetRefusalOf(error.cause);
      if (refusal) return refusedMessage(refusal.reason);
      return "Network unreachable: cannot connect to the API base URL";
    }
    case "timeout":
      return "The Atlassian API did not answer in time";
    case "malformed":
      return "Bad response: the API answered with something that is not a valid Atlassian response (check the API base URL)";
    case "bad_request":
      return `The Atlassian API refused the request${error.status ? ` (HTTP ${error.status})` : ""}`;
  }
};

const CODES = {
  unauthorized: "bad_request",
  forbidden: "bad_request",
  not_found: "bad_request",
  rate_limited: "rate_limited",
  server: "unavailable",
  network: "unavailable",
  timeout: "unavailable",
  malformed: "unavailable",
  bad_request: "bad_request",
} as const;

/** For the connect and rotate forms: the verification failure as a 4xx/503 AppError naming the field at fault. */
export const verificationError = (error: unknown): AppError => {
  const message = describeAtlassianError(error);
  if (!isAtlassianApiError(error)) return new AppError("unavailable", message);
  // A refused address is the admin's input at fault, not an outage: 400 on the base URL field.
  if (targetRefusalOf(error.cause)) return new AppError("bad_request", message, [{ name: "baseUrl", reason: message }]);
  const field = error.kind === "not_found" ? "orgId" : error.kind === "unauthorized" || error.kind === "forbidden" ? "apiKey" : "baseUrl";
  return new AppError(CODES[error.kind], message, [{ name: field, reason: message }], error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : undefined);
};
