import { z } from "zod";
import { activitiesEndpoints } from "./paths/activities";
import { alertsEndpoints } from "./paths/alerts";
import { auditLogEndpoints } from "./paths/audit-log";
import { connectorsEndpoints } from "./paths/connectors";
import { dashboardEndpoints } from "./paths/dashboard";
import { governanceEndpoints } from "./paths/governance";
import { healthEndpoints } from "./paths/health";
import { ipRangesEndpoints } from "./paths/ip-ranges";
import { meEndpoints } from "./paths/me";
import { notificationsEndpoints } from "./paths/notifications";
import { policiesEndpoints } from "./paths/policies";
import { portalUsersEndpoints } from "./paths/portal-users";
import { postureEndpoints } from "./paths/posture";
import { tokensEndpoints } from "./paths/tokens";
import { usersEndpoints } from "./paths/users";
import type { TEndpointSpec } from "./endpoint";

/** Every documented /api/v1 operation: one list per area in ./paths (add a new area's list here). */
export const ALL_ENDPOINTS: readonly TEndpointSpec[] = [
  ...healthEndpoints,
  ...meEndpoints,
  ...connectorsEndpoints,
  ...activitiesEndpoints,
  ...usersEndpoints,
  ...dashboardEndpoints,
  ...alertsEndpoints,
  ...governanceEndpoints,
  ...notificationsEndpoints,
  ...policiesEndpoints,
  ...ipRangesEndpoints,
  ...postureEndpoints,
  ...tokensEndpoints,
  ...portalUsersEndpoints,
  ...auditLogEndpoints,
];

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

const isEmpty = (schema: unknown) => !schema || (typeof schema === "object" && Object.keys(schema).length === 0);

/** Query parameters from a zod object: the input form, or the parsed form where a preprocess hides it. */
const queryParameters = (query: z.ZodObject): JsonSchema[] => {
  const input = toSchema(query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const output = toSchema(query, "output") as { properties?: Record<string, JsonSchema> };
  return Object.entries(input.properties ?? {}).map(([name, schema]) => {
    const resolved = isEmpty(schema) ? (output.properties?.[name] ?? {}) : schema;
    const isArray = resolved.type === "array";
    return {
      name,
      in: "query",
      required: input.required?.includes(name) ?? false,
      ...(typeof resolved.description === "string" ? { description: resolved.description } : {}),
      ...(isArray ? { style: "form", explode: true } : {}),
      schema: resolved,
    };
  });
};

const pathParameters = (path: string): JsonSchema[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));

const PROBLEM = { $ref: "#/components/schemas/Problem" };
const errorResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: PROBLEM } } });

const operation = (spec: TEndpointSpec): JsonSchema => {
  const status = String(spec.status ?? 200);
  const success = spec.produces
    ? { description: "OK", content: Object.fromEntries(spec.produces.map((type) => [type, { schema: { type: "string" } }])) }
    : spec.response
      ? { description: "OK", content: { "application/json": { schema: toSchema(spec.response, "output") } } }
      : { description: "No content" };
  return {
    operationId: `${spec.method}${spec.path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, "By_$1").replace(/[^a-zA-Z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.auth === "none" ? { security: [] } : { "x-minimum-role": spec.auth }),
    parameters: [...pathParameters(spec.path), ...(spec.query ? queryParameters(spec.query) : [])],
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(spec.body, "input") } } } } : {}),
    responses: {
      [status]: success,
      "400": errorResponse("Invalid input: {error: {code, message}} and invalid_params"),
      ...(spec.auth === "none" ? {} : { "401": errorResponse("Not signed in and no valid API token"), "403": errorResponse(`Needs the ${spec.auth} role`) }),
      ...(spec.path.includes("{") ? { "404": errorResponse("Not found") } : {}),
      ...(spec.method !== "get" && spec.auth !== "none" ? { "415": errorResponse("Sent with a session cookie, a body that is not application/json") } : {}),
      ...(spec.auth === "none" ? {} : { "429": errorResponse("Over the request budget of the token or signed-in user (WATCHPOST_API_RATE_LIMIT_PER_MINUTE), or too many exports or previews at once; see Retry-After") }),
    },
  };
};

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with. */
export const buildOpenApiDocument = (endpoints: readonly TEndpointSpec[] = ALL_ENDPOINTS): JsonSchema => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of endpoints) (paths[spec.path] ??= {})[spec.method] = operation(spec);
  return {
    openapi: "3.1.0",
    info: {
      title: "Watchpost API",
      version: "1",
      description:
        "Self-hosted security portal for Atlassian Cloud organizations. Authenticate with an API token (Authorization: Bearer <token>, Settings → API tokens) or a signed-in session; each operation names its minimum role in x-minimum-role (viewer < analyst < admin). Errors are RFC 9457 problem+json that also carry {error: {code, message}}.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }, { session: [] }],
    tags: [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The web UI's session" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code", "error"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: { type: "string" },
            invalid_params: { type: "array", items: { type: "object", properties: { name: { type: "string" }, reason: { type: "string" } } } },
            requestId: { type: "string" },
            error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
    },
  };
};
