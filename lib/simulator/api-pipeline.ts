import type { IncomingMessage } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { errorResponse, SimHttpError, type TSimResponse } from "./http-kit";
import type { TRateLimitDecision } from "./rate-limiter";
import type { TApiRoute } from "./routes/api-routes";
import type { TSimulatorState } from "./state";

/** Returned instead of a response when the hang fault swallows a request. */
export const HANG = Symbol("hang");

/** X-RateLimit-* when limits are on and stated (`headers`); Retry-After on every refusal [S]. */
const rateLimitHeaders = (decision: TRateLimitDecision, nowMs: number, isRefused: boolean, isStated: boolean): Record<string, string> => ({
  ...(isStated
    ? {
        "X-RateLimit-Limit": String(decision.limit),
        "X-RateLimit-Remaining": String(decision.remaining),
        "X-RateLimit-Reset": new Date(decision.resetAtMs).toISOString(),
      }
    : {}),
  ...(isRefused ? { "Retry-After": String(Math.max(1, Math.ceil((decision.resetAtMs - nowMs) / 1000))) } : {}),
});

const withHeaders = (response: TSimResponse, headers: Record<string, string>): TSimResponse => ({ ...response, headers: { ...headers, ...response.headers } });

/**
 * Why a key "with scopes" may not call this route (checked before the target, so a write probe with an unknown
 * account id answers 403 without the scope and 404 with it), or null. Classic keys may call everything.
 */
const scopeRefusal = (route: TApiRoute, scopes: readonly string[] | null): string | null => {
  if (scopes === null || route.scope === undefined) return null;
  if (route.scope === "unscoped") return "not supported for API keys with scopes: use an API key without scopes";
  return scopes.includes(route.scope) ? null : `the API key lacks the scope ${route.scope}`;
};

/** Cuts a JSON body and appends garbage: still text, no longer JSON. */
const garble = (body: string | Buffer): string => {
  const text = body.toString();
  return `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000<!-- upstream error -->`;
};

/**
 * Runs one faithful-API request: bearer key (401), per-key rate limits and 429 storms, org resolution
 * (404 unknown, 403 another org's), then the faults, the handler and the malformed-body fault.
 */
export const runApiRoute = async (
  state: TSimulatorState,
  route: TApiRoute,
  request: IncomingMessage,
  url: URL,
  params: Record<string, string>,
): Promise<TSimResponse | typeof HANG> => {
  const nowMs = state.now();
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1]?.trim();
  if (!bearer) return errorResponse(401, "UNAUTHENTICATED", "missing bearer API key");
  const entry = state.keys.get(bearer);
  if (!entry) return errorResponse(401, "UNAUTHENTICATED", "unknown API key");
  if (entry.apiKey.revokedAt !== null) return errorResponse(401, "UNAUTHENTICATED", "the API key was revoked");
  if (entry.apiKey.expiresAt !== null && entry.apiKey.expiresAt <= nowMs) return errorResponse(401, "UNAUTHENTICATED", "the API key has expired");

  const pathOrgId = params.orgId;
  const hasFaults = state.faults.applies(url.pathname, pathOrgId ?? entry.org.id);
  const limits = state.rateLimiter.config;
  const isStated = limits.enabled && limits.headers;
  if (hasFaults && state.faults.isStorming()) {
    state.stats.recordFault("rate-limit-storm");
    const storm = { isAllowed: false, limit: limits.perPathPerMinute, remaining: 0, resetAtMs: state.faults.stormUntilMs };
    return errorResponse(429, "RATE_LIMITED", "rate limit exceeded", rateLimitHeaders(storm, nowMs, true, isStated));
  }
  const decision = state.rateLimiter.take(bearer, route.buckets);
  const headers = rateLimitHeaders(decision, nowMs, !decision.isAllowed, isStated);
  if (!decision.isAllowed) return errorResponse(429, "RATE_LIMITED", "rate limit exceeded", headers);

  const org = pathOrgId === undefined ? entry.org : state.orgs.get(pathOrgId);
  if (!org) return errorResponse(404, "ORG_NOT_FOUND", "organization not found", headers);
  if (org !== entry.org) return errorResponse(403, "FORBIDDEN", "the API key belongs to another organization", headers);
  const missingScope = scopeRefusal(route, entry.apiKey.scopes);
  if (missingScope) return errorResponse(403, "FORBIDDEN", missingScope, headers);
  entry.apiKey.lastActiveAt = nowMs;

  const { faults, stats } = state;
  if (hasFaults && faults.roll(faults.settings.hangRate)) {
    stats.recordFault("hang");
    return HANG;
  }
  if (hasFaults && faults.settings.latencyMs > 0) {
    stats.recordFault("latency");
    await delay(faults.settings.latencyMs, undefined, { ref: false });
  }
  if (hasFaults && faults.roll(faults.settings.serverErrorRate)) {
    stats.recordFault("server-error");
    return errorResponse(500, "INTERNAL_ERROR", "injected server error", headers);
  }
  let response: TSimResponse;
  try {
    response = (await route.handler({ state, request, url, params, org, apiKey: entry.apiKey, hasFaults })) as TSimResponse;
  } catch (error) {
    if (!(error instanceof SimHttpError)) throw error;
    response = errorResponse(error.status, error.code, error.message);
  }
  if (hasFaults && response.status < 300 && response.body && faults.roll(faults.settings.malformedRate)) {
    stats.recordFault("malformed");
    response = { ...response, body: garble(response.body) };
  }
  return withHeaders(response, headers);
};
