import { z } from "zod";
import { API_V1_CONTRACTS } from "../contracts";
import type { TRouteContract } from "../contracts/define-route";

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

/** e.g. GET /api/v1/connectors/{id}/api-key → getConnectorsById_idApiKey (kept stable: clients generate code from it). */
const operationId = (contract: TRouteContract) =>
  `${contract.method.toLowerCase()}${contract.path
    .replace(/^\/api\/v1/, "")
    .replace(/\{(\w+)\}/g, "By_$1")
    .replace(/[^a-zA-Z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`;

const successResponse = (contract: TRouteContract) => {
  if (contract.produces) return { description: "OK", content: Object.fromEntries(contract.produces.map((type) => [type, { schema: { type: "string" } }])) };
  if (contract.response) return { description: "OK", content: { "application/json": { schema: toSchema(contract.response, "output") } } };
  return { description: "No content" };
};

const operation = (contract: TRouteContract): JsonSchema => {
  const isPublic = contract.auth === "public";
  return {
    operationId: operationId(contract),
    summary: contract.summary,
    tags: [contract.tag],
    ...(isPublic ? { security: [] } : { "x-minimum-role": contract.auth }),
    parameters: [...pathParameters(contract.path), ...(contract.query ? queryParameters(contract.query) : [])],
    ...(contract.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(contract.body, "input") } } } } : {}),
    responses: {
      [String(contract.status ?? 200)]: successResponse(contract),
      "400": errorResponse("Invalid input: {error: {code, message}} and invalid_params"),
      ...(isPublic ? {} : { "401": errorResponse("Not signed in and no valid API token"), "403": errorResponse(`Needs the ${contract.auth} role`) }),
      ...(contract.path.includes("{") ? { "404": errorResponse("Not found") } : {}),
      ...(contract.method !== "GET" && !isPublic ? { "415": errorResponse("Sent with a session cookie, a body that is not application/json") } : {}),
      ...(isPublic ? {} : { "429": errorResponse("Over the request budget of the token or signed-in user (WATCHPOST_API_RATE_LIMIT_PER_MINUTE), or too many exports or previews at once; see Retry-After") }),
    },
  };
};

/** The OpenAPI 3.1 document of /api/v1, generated from the route contracts (lib/shared/contracts) the handlers run on. */
export const buildOpenApiDocument = (contracts: readonly TRouteContract[] = API_V1_CONTRACTS): JsonSchema => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const contract of contracts) (paths[contract.path] ??= {})[contract.method.toLowerCase()] = operation(contract);
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
    tags: [...new Set(contracts.map((c) => c.tag))].map((name) => ({ name })),
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
