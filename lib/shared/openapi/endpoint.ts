import type { z } from "zod";

/**
 * One /api/v1 operation as the OpenAPI document describes it. Each area lists its operations in
 * lib/shared/openapi/paths/<area>.ts built from the same zod schemas the handlers parse with.
 */
export type TEndpointSpec = Readonly<{
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path template, e.g. /api/v1/connectors/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** Least role allowed; "none" for unauthenticated endpoints. */
  auth: "none" | "viewer" | "analyst" | "admin";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** JSON body of the success response; omit for 204 or a non-JSON response. */
  response?: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Content types of a non-JSON success response, e.g. text/csv. */
  produces?: readonly string[];
}>;
