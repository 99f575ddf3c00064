import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getEnv } from "../../env";
import { AppError, type TInvalidParam } from "../../shared/errors";
import { findNulCharacter } from "../../shared/nul-character";
import { hasRole, type TRole } from "../../shared/roles";
import { getCurrentPrincipal } from "../auth/current-principal";
import { logger } from "../logger";
import type { Principal } from "../services/principal";
import { takeApiRequest } from "./api-rate-limit";
import { clientIpFrom } from "./client-ip";
import { assertJsonBody } from "./json-content-type";
import { problemResponse } from "./problem";
import { readJsonBody } from "./read-json-body";
import { isSameOrigin } from "./same-origin";

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType<infer O> ? O : undefined;

type RouteConfig<Q, B, P, A extends TRole | "public"> = Readonly<{
  /** Minimum role, or "public" for no authentication. */
  auth: A;
  query?: Q;
  body?: B;
  params?: P;
  status?: number;
  /** Open to a user who must change a temporary password first (every other authenticated route answers 403). */
  allowsPendingPasswordChange?: boolean;
  handler: (ctx: {
    req: Request;
    principal: A extends "public" ? Principal | null : Principal;
    query: Out<Q>;
    body: Out<B>;
    params: Out<P>;
    ip: string;
    requestId: string;
  }) => Promise<unknown>;
}>;


const toInvalidParams = (error: z.ZodError): TInvalidParam[] =>
  error.issues.map((i) => ({ name: i.path.join(".") || "(root)", reason: i.message }));

const searchParamsToObject = (url: URL): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
};

/** Every authenticated /api/v1 request counts against its token's (or its user's sessions') budget: 429 past it. */
const limitApiRate = (req: Request, principal: Principal) => {
  if (!new URL(req.url).pathname.startsWith("/api/v1/")) return;
  const key = principal.via === "token" ? `token:${principal.tokenId ?? principal.userId}` : `session:${principal.userId}`;
  const perMinute = getEnv().WATCHPOST_API_RATE_LIMIT_PER_MINUTE;
  const decision = takeApiRequest(key, perMinute);
  if (decision.isLimited) {
    throw new AppError("rate_limited", `Too many requests: at most ${perMinute} a minute per ${principal.via === "token" ? "API token" : "signed-in user"}`, [], decision.retryAfterSeconds);
  }
};

const parseWith = <S extends Schema | undefined>(schema: S, value: unknown, where: string): Out<S> => {
  if (!schema) return undefined as Out<S>;
  // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database (a 500).
  const nul = findNulCharacter(value);
  if (nul) throw new AppError("validation_failed", `Invalid ${where}: ${nul}: NUL characters are not allowed`, [{ name: nul, reason: "NUL characters are not allowed" }]);
  const result = schema.safeParse(value);
  if (!result.success) {
    const params = toInvalidParams(result.error);
    throw new AppError("validation_failed", `Invalid ${where}: ${params.map((p) => `${p.name}: ${p.reason}`).join("; ")}`, params);
  }
  return result.data as Out<S>;
};

/**
 * The one wrapper of every /api route handler: authenticates (token or session), counts the caller's /api/v1
 * budget (429), checks the role, refuses cross-site mutations and non-JSON bodies sent with a cookie (415),
 * zod-parses params/query/body, and maps errors to problem+json.
 */
export const withRoute =
  <Q extends Schema | undefined, B extends Schema | undefined, P extends Schema | undefined, A extends TRole | "public">(
    config: RouteConfig<Q, B, P, A>,
  ) =>
  async (req: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const requestId = randomUUID();
    const ip = clientIpFrom(req.headers);
    try {
      const principal = await getCurrentPrincipal();
      if (principal) limitApiRate(req, principal);
      if (config.auth !== "public") {
        if (!principal) throw new AppError("unauthenticated", "Sign in or send a valid API token (Authorization: Bearer <token>)");
        if (!hasRole(principal.role, config.auth)) throw new AppError("forbidden", `This needs the ${config.auth} role; you are ${principal.role}`);
        if (principal.mustChangePassword && !config.allowsPendingPasswordChange) {
          throw new AppError("password_change_required", "Change the temporary password an admin set first: Settings → Change password (POST /api/v1/me/password)");
        }
      }
      const isMutation = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (isMutation && principal?.via !== "token") {
        if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused");
        assertJsonBody(req);
      }
      const params = parseWith(config.params as P, await context.params, "path");
      const query = parseWith(config.query as Q, searchParamsToObject(new URL(req.url)), "query");
      const body = parseWith(config.body as B, config.body ? await readJsonBody(req) : undefined, "body");
      const result = await config.handler({ req, principal: principal as never, query, body, params, ip, requestId });
      if (result instanceof Response) return result;
      return Response.json(result ?? null, { status: config.status ?? 200, headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof AppError) {
        return problemResponse({ code: error.code, detail: error.message, invalidParams: error.invalidParams, requestId, retryAfterSeconds: error.retryAfterSeconds });
      }
      logger.error({ err: error, requestId, path: new URL(req.url).pathname }, "unhandled error in route");
      return problemResponse({ code: "internal", detail: "Something went wrong on our side; the request id is in the logs", requestId });
    }
  };
