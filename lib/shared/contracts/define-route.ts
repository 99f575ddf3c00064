import type { z } from "zod";
import type { TRole } from "../roles";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type THttpMethod = (typeof HTTP_METHODS)[number];

/** Least role allowed, or "public" for no authentication. */
export type TRouteAuth = TRole | "public";

/**
 * One API operation, declared once: withRoute authenticates, parses and answers from it, the OpenAPI document
 * is generated from it, and responses are checked against `response` outside production (docs/architecture.md, "Route contracts").
 */
export type TRouteContract = Readonly<{
  method: THttpMethod;
  /** OpenAPI path template, e.g. /api/v1/connectors/{id}; the route file's folder says the same with [id]. */
  path: string;
  auth: TRouteAuth;
  summary: string;
  /** The OpenAPI tag that groups the operation. */
  tag: string;
  /** Path parameters, one key per {name} in `path`. */
  params?: z.ZodType;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** JSON body of the success response; omit for 204 or a non-JSON response (`produces`). */
  response?: z.ZodType;
  /** Success status (default 200; 204 answers an empty body). */
  status?: number;
  /** Content types of a non-JSON success response, e.g. text/csv: the handler returns a Response. */
  produces?: readonly string[];
  /** Open to a user who must change a temporary password first (every other authenticated route answers 403). */
  allowsPendingPasswordChange?: boolean;
}>;

/** Declares a route contract; `const` keeps the literal method, auth and schema types for withRoute's inference. */
export const defineRoute = <const C extends TRouteContract>(contract: C): C => contract;

/** The OpenAPI/contract key of an operation, e.g. "GET /api/v1/alerts/{id}". */
export const operationKey = (contract: Pick<TRouteContract, "method" | "path">): string => `${contract.method} ${contract.path}`;
