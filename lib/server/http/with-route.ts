import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getEnv } from "../../env";
import type { TRouteContract } from "../../shared/contracts/define-route";
import { responseMismatches } from "../../shared/contracts/response-mismatches";
import { AppError, type TInvalidParam } from "../../shared/errors";
import { findNulCharacter } from "../../shared/nul-character";
import { hasRole } from "../../shared/roles";
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
type Part<C, K extends string> = C extends { [P in K]: infer S } ? Out<S> : undefined;

/** What a handler receives: the principal (null only on public routes) and the parts its contract parses. */
export type THandlerContext<C extends TRouteContract> = {
  req: Request;
  principal: C["auth"] extends "public" ? Principal | null : Principal;
  query: Part<C, "query">;
  body: Part<C, "body">;
  params: Part<C, "params">;
  ip: string;
  requestId: string;
};

/** A value whose JSON is T: a Date may stand for a string (JSON.stringify writes it as ISO 8601). */
type TJsonOf<T> = T extends string
  ? string extends T
    ? T | Date
    : T
  : T extends readonly (infer U)[]
    ? readonly TJsonOf<U>[]
    : T extends Record<string, unknown>
      ? { readonly [K in keyof T]: TJsonOf<T[K]> }
      : T;

/**
 * What a handler answers, from its contract: a Response for `produces`, nothing for 204, else a value whose JSON the
 * response schema accepts (or a Response of its own, e.g. health's 503, whose JSON is checked the same way).
 */
export type THandlerResult<C extends TRouteContract> = C extends { produces: readonly string[] }
  ? Response
  : C extends { status: 204 }
    ? void
    : C extends { response: infer R extends z.ZodType }
      ? TJsonOf<z.input<R>> | Response
      : never;

export type THandler<C extends TRouteContract> = (ctx: THandlerContext<C>) => Promise<THandlerResult<C>>;

/** A route export: Next calls it; `contract` lets tests tie the file to the operation it serves. */
export type TRouteHandler = ((req: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  readonly contract: TRouteContract;
};

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

/** Outside production (or with WATCHPOST_CHECK_RESPONSES=1), every JSON answer is checked against the contract. */
const isCheckingResponses = () => {
  const env = getEnv();
  return env.WATCHPOST_CHECK_RESPONSES ?? env.NODE_ENV !== "production";
};

/** The JSON a handler's Response carries, when it is JSON (health's 503 is; a download is not). */
const jsonOf = async (response: Response): Promise<{ body: unknown } | undefined> => {
  if (!response.headers.get("content-type")?.includes("application/json")) return undefined;
  return { body: await response.clone().json() };
};

/**
 * Why the handler's answer breaks its contract, or [] when it keeps it. Checks the JSON as the client receives it
 * (after JSON.stringify: dates become strings), never changing what is sent.
 */
const contractBreaches = async (contract: TRouteContract, result: unknown): Promise<string[]> => {
  const json = result instanceof Response ? await jsonOf(result) : { body: JSON.parse(JSON.stringify(result ?? null)) as unknown };
  if (!json) {
    const isDeclared = contract.produces || (contract.status === 204 && result instanceof Response && result.status === 204);
    return isDeclared ? [] : ["(root): a non-JSON response, but the contract declares no produces"];
  }
  if (contract.produces) return ["(root): a JSON response, but the contract declares produces " + contract.produces.join(", ")];
  if (!contract.response) return contract.status === 204 && json.body === null ? [] : ["(root): a JSON body, but the contract declares no response schema"];
  return responseMismatches(contract.response, json.body);
};

/** The handler's result as the HTTP answer: its own Response, an empty 204, or JSON with the contract's status. */
const toResponse = (contract: TRouteContract, result: unknown): Response => {
  if (result instanceof Response) return result;
  if (contract.status === 204) return new Response(null, { status: 204 });
  return Response.json(result ?? null, { status: contract.status ?? 200, headers: { "cache-control": "no-store" } });
};

/**
 * The one wrapper of every /api route handler, run on the route's contract (lib/shared/contracts): authenticates
 * (token or session), counts the caller's /api/v1 budget (429), checks the role, refuses cross-site mutations and
 * non-JSON bodies sent with a cookie (415), zod-parses params/query/body, checks the answer against the contract
 * outside production, and maps errors to problem+json.
 */
export const withRoute = <const C extends TRouteContract>(contract: C, handler: THandler<C>): TRouteHandler => {
  const route = async (req: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const requestId = randomUUID();
    const ip = clientIpFrom(req.headers);
    try {
      const principal = await getCurrentPrincipal();
      if (principal) limitApiRate(req, principal);
      if (contract.auth !== "public") {
        if (!principal) throw new AppError("unauthenticated", "Sign in or send a valid API token (Authorization: Bearer <token>)");
        if (!hasRole(principal.role, contract.auth)) throw new AppError("forbidden", `This needs the ${contract.auth} role; you are ${principal.role}`);
        if (principal.mustChangePassword && !contract.allowsPendingPasswordChange) {
          throw new AppError("password_change_required", "Change the temporary password an admin set first: Settings → Change password (POST /api/v1/me/password)");
        }
      }
      const isMutation = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (isMutation && principal?.via !== "token") {
        if (!isSameOrigin(req)) throw new AppError("forbidden", "Cross-site request refused");
        assertJsonBody(req);
      }
      const params = parseWith(contract.params, await context.params, "path");
      const query = parseWith(contract.query, searchParamsToObject(new URL(req.url)), "query");
      const body = parseWith(contract.body, contract.body ? await readJsonBody(req) : undefined, "body");
      const ctx = { req, principal, query, body, params, ip, requestId } as THandlerContext<C>;
      const result = await handler(ctx);
      if (isCheckingResponses()) {
        const breaches = await contractBreaches(contract, result);
        if (breaches.length) {
          logger.error({ requestId, operation: `${contract.method} ${contract.path}`, breaches }, "response does not match its contract");
          return problemResponse({ code: "internal", detail: `The response does not match its contract (${contract.method} ${contract.path}); the request id is in the logs`, requestId });
        }
      }
      return toResponse(contract, result);
    } catch (error) {
      if (error instanceof AppError) {
        return problemResponse({ code: error.code, detail: error.message, invalidParams: error.invalidParams, requestId, retryAfterSeconds: error.retryAfterSeconds });
      }
      logger.error({ err: error, requestId, path: new URL(req.url).pathname }, "unhandled error in route");
      return problemResponse({ code: "internal", detail: "Something went wrong on our side; the request id is in the logs", requestId });
    }
  };
  return Object.assign(route, { contract });
};
