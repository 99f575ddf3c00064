// A plausible valid value for a JSON Schema of the OpenAPI document (zod's draft 2020-12 output), so the
// fuzz can break one thing at a time in an otherwise well-formed request.
import { seededUuid, type TRng } from "./prng";

export type TJsonSchema = Readonly<{
  type?: string | string[];
  properties?: Record<string, TJsonSchema>;
  required?: string[];
  additionalProperties?: boolean | TJsonSchema;
  items?: TJsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  anyOf?: TJsonSchema[];
  oneOf?: TJsonSchema[];
  allOf?: TJsonSchema[];
}>;

/** Values by field name where the schema alone says too little (patterns, CIDRs, hosts). */
const BY_NAME: Readonly<Record<string, () => unknown>> = {
  cidrs: () => ["203.0.113.0/24"],
  countryCode: () => "GB",
  country: () => "GB",
  ip: () => "203.0.113.7",
  baseUrl: () => "https://api.atlassian.example",
  url: () => "https://hooks.slack.com/services/T000/B000/XXXX",
  host: () => "smtp.example.test",
  from: () => "2000-01-01T00:00:00Z",
  to: () => "2000-01-02T00:00:00Z",
  email: () => "fuzz@e2e.test",
  policyKey: () => "impossible_travel",
  listDate: () => "2026-11-01",
};

const firstType = (schema: TJsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

const stringExample = (schema: TJsonSchema, rng: TRng, name: string): string => {
  const isEnd = name === "to" || name === "until";
  switch (schema.format) {
    case "uuid":
      return seededUuid(rng);
    case "date-time":
      return isEnd ? "2000-01-02T00:00:00Z" : "2000-01-01T00:00:00Z";
    case "date":
      return isEnd ? "2000-01-02" : "2000-01-01";
    case "email":
      return "fuzz@e2e.test";
    case "uri":
    case "url":
      return "https://example.test/hook";
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 40;
  return "fuzz-value".padEnd(min, "x").slice(0, Math.max(min, Math.min(max, 10)));
};

/** A valid-looking value for `schema` (required properties only, plus those with a name hint). */
export const exampleOf = (rng: TRng, schema: TJsonSchema | undefined, name = ""): unknown => {
  if (!schema) return null;
  if (name && BY_NAME[name] && !schema.format && !schema.enum && firstType(schema) !== "boolean") return BY_NAME[name]();
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative?.length) return exampleOf(rng, alternative.find((s) => firstType(s) !== "null") ?? alternative[0], name);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(rng, s, name) as object));
  switch (firstType(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key)) out[key] = exampleOf(rng, child, key);
      }
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => exampleOf(rng, schema.items, name));
    case "integer":
    case "number": {
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(low, schema.maximum ?? low);
    }
    case "boolean":
      return false;
    case "string":
      return stringExample(schema, rng, name);
    default:
      return "fuzz";
  }
};

/** Property paths one level into nested objects: [["name"], ["settings", "host"], …]. */
export const propertyPaths = (schema: TJsonSchema | undefined, prefix: string[] = [], depth = 0): { path: string[]; schema: TJsonSchema }[] => {
  const resolved = schema?.anyOf?.find((s) => firstType(s) === "object") ?? schema?.oneOf?.find((s) => firstType(s) === "object") ?? schema;
  if (!resolved || firstType(resolved) !== "object") return [];
  const out: { path: string[]; schema: TJsonSchema }[] = [];
  for (const [key, child] of Object.entries(resolved.properties ?? {})) {
    out.push({ path: [...prefix, key], schema: child });
    if (depth < 1) out.push(...propertyPaths(child, [...prefix, key], depth + 1));
  }
  return out;
};

export const schemaType = firstType;
