// Fuzz inputs for one operation: its parameters and request body as the OpenAPI document describes them,
// each broken in turn (wrong types, missing/extra fields, huge, deep, unicode, injection, bad ids, dates,
// CIDRs, cursors, invalid JSON, wrong content types), then random combinations up to the minimum count.
import type { TMethod, TRouteOperation } from "../app-routes";
import { expectedFor, isValidBody, MAX_BODY_BYTES, type TExpectation, type TOracle } from "./oracle";
import {
  BAD_CIDRS,
  BAD_DATES,
  BAD_NUMBERS,
  BAD_UUIDS,
  badCursors,
  CONTENT_TYPES,
  deepJson,
  HUGE_STRINGS,
  INJECTION,
  INVALID_JSON,
  stringJunk,
  tamperCursor,
  UNICODE,
  WRONG_TYPES,
} from "./junk";
import type { TRng } from "./prng";
import { exampleOf, propertyPaths, schemaType, type TJsonSchema } from "./schema-example";

export type TOpenApiParameter = Readonly<{ name: string; in: "path" | "query"; required?: boolean; schema?: TJsonSchema }>;
export type TOpenApiOperation = Readonly<{ parameters?: TOpenApiParameter[]; requestBody?: { content?: Record<string, { schema?: TJsonSchema }> } }>;

export type TFuzzCase = Readonly<{
  label: string;
  method: TMethod;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  expected: TExpectation | { status: "4xx"; why: string };
}>;

export type TCaseContext = Readonly<{
  op: TRouteOperation;
  operation: TOpenApiOperation | undefined;
  oracle: TOracle;
  rng: TRng;
  /** Path values of the base request (unknown resources, see fills.ts). */
  baseParams: Record<string, string>;
  /** True when the base path names nothing that exists (a valid body then must still be a 4xx). */
  isUnknownResource: boolean;
  /** Never send a body the schema accepts (create endpoints and the like). */
  mustStayInvalid: boolean;
  /** Real nextCursor values of this operation, and of the others. */
  cursors: readonly string[];
  foreignCursors: readonly string[];
  minCases: number;
  maxCases: number;
}>;

const DEEP_MARK = "\u0001deep\u0001";
const HUGE_MARK = "\u0001huge\u0001";

type TDraft = {
  label: string;
  params?: Record<string, string>;
  /** Path segments sent as they are, without percent-encoding (malformed escapes). */
  rawParams?: Record<string, string>;
  query?: [string, string][] | ((base: [string, string][]) => [string, string][]);
  /** A JSON value (may hold DEEP_MARK/HUGE_MARK strings), or raw text. */
  body?: { json: unknown } | { raw: string | Buffer };
  headers?: Record<string, string>;
};

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

const setAt = (target: unknown, path: readonly string[], value: unknown, remove = false): unknown => {
  const root = (target && typeof target === "object" && !Array.isArray(target) ? clone(target) : {}) as Record<string, unknown>;
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (remove) delete node[key];
      else node[key] = value;
      return;
    }
    const next = node[key];
    node[key] = next && typeof next === "object" && !Array.isArray(next) ? next : {};
    node = node[key] as Record<string, unknown>;
  });
  return root;
};

const isDateLike = (name: string, schema?: TJsonSchema) => ["date", "date-time"].includes(schema?.format ?? "") || /^(from|to|since|until)$|At$|Date$/.test(name);
const isIdLike = (name: string, schema?: TJsonSchema) => schema?.format === "uuid" || /(^id|Id|Ids|^ids)$/.test(name);
const isCidrLike = (name: string) => /cidr|^ip$/i.test(name);

/** Values that break one field of the given schema: type-specific first, then generic junk. */
const fieldJunk = (rng: TRng, name: string, schema: TJsonSchema | undefined, inQuery: boolean): unknown[] => {
  const out: unknown[] = [];
  const type = schema ? schemaType(schema) : undefined;
  if (isIdLike(name, schema)) out.push(...BAD_UUIDS);
  if (isDateLike(name, schema)) out.push(...BAD_DATES);
  if (isCidrLike(name)) out.push(...BAD_CIDRS, ...(inQuery ? [] : [[...BAD_CIDRS], ["10.0.0.0/8", "10.1.0.0/16"]]));
  if (type === "integer" || type === "number") out.push(...(inQuery ? BAD_NUMBERS : [-1, 0, 1.5, 1e308, -1e308, 2 ** 53, "5", "NaN"]));
  if (type === "boolean") out.push("yes", "1", "TRUE", "true ", 1, "on");
  const enumValues = schema?.enum ?? schema?.items?.enum;
  if (enumValues?.length) {
    const first = String(enumValues[0]);
    out.push(first.toUpperCase(), ` ${first}`, `${first}x`, enumValues.join(","), "not_a_member");
  }
  if (type === "array" && !inQuery) {
    const item = exampleOf(rng, schema?.items, name);
    out.push(Array.from({ length: (schema?.maxItems ?? 200) + 1 }, () => item), [DEEP_MARK], WRONG_TYPES.slice(0, 8));
  }
  if (!inQuery) out.push(...WRONG_TYPES, DEEP_MARK);
  out.push(...stringJunk(rng, inQuery ? 14 : 8), rng.pick(INJECTION), rng.pick(UNICODE), inQuery ? "q".repeat(6000) : HUGE_MARK);
  return out;
};

const hugeFor = (rng: TRng) => rng.pick(HUGE_STRINGS());

/** JSON text of a draft body: marks replaced by deep nesting / huge strings after serialization. */
const serialize = (rng: TRng, body: TDraft["body"]): string | Buffer | undefined => {
  if (!body) return undefined;
  if ("raw" in body) return body.raw;
  return JSON.stringify(body.json)
    // Field-level nesting stays moderate (the whole-body cases go to 100k levels).
    .replaceAll(JSON.stringify(DEEP_MARK), () => deepJson(rng.pick([1_000, 10_000]), rng.pick(["array", "object"] as const)))
    .replaceAll(JSON.stringify(HUGE_MARK), () => JSON.stringify(hugeFor(rng)));
};

const encodeSegment = (value: string): { text: string; isRawBytes: boolean } => {
  try {
    return { text: encodeURIComponent(value), isRawBytes: false };
  } catch {
    // Lone surrogates cannot be percent-encoded as UTF-8: send the raw (invalid) bytes' escapes.
    return { text: [...value].map((c) => (c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? "%ED%A0%80" : encodeURIComponent(c))).join(""), isRawBytes: true };
  }
};

/** Every fuzz case of one operation, deterministic for a given PRNG seed. */
export const buildCases = async (ctx: TCaseContext): Promise<TFuzzCase[]> => {
  const { op, operation, oracle, rng } = ctx;
  const parameters = operation?.parameters ?? [];
  const queryParams = parameters.filter((p) => p.in === "query");
  const pathNames = [...op.route.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1] as string);
  const bodySchema = operation?.requestBody?.content?.["application/json"]?.schema;
  const hasBody = Boolean(oracle.body || bodySchema);

  // Base request: required query values plus cheap bounds (old time window, small pages).
  const names = new Set(queryParams.map((p) => p.name));
  const baseQuery: [string, string][] = [];
  for (const p of queryParams) {
    const isCheapBound = (p.name === "from" || p.name === "to") && names.has("from") && names.has("to");
    if (p.required || isCheapBound) baseQuery.push([p.name, String(exampleOf(rng, p.schema, p.name))]);
  }
  if (names.has("limit")) baseQuery.push(["limit", "5"]);
  const baseBody = hasBody ? exampleOf(rng, bodySchema, "") : undefined;

  const drafts: TDraft[] = [];
  const seen = new Set<string>();
  const add = (draft: TDraft) => {
    if (seen.has(draft.label)) return;
    seen.add(draft.label);
    drafts.push(draft);
  };

  // Path parameters: bad ids, injection, unicode, traversal, overlong.
  for (const name of pathNames) {
    const values = [
      ...BAD_UUIDS,
      ...INJECTION.filter((v) => v !== "." && v !== ".."),
      ...UNICODE.filter((v) => v !== ""),
      "a".repeat(2000),
      "%",
      "a/b",
      "..%2F..%2Fetc%2Fpasswd",
      "9".repeat(30),
      "9".repeat(19),
      "9223372036854775808",
      "0",
      "custom:not-a-uuid",
      "custom:00000000-0000-0000-0000-00000000000z",
    ];
    for (const value of values) add({ label: `path ${name}=${JSON.stringify(value).slice(0, 60)}`, params: { [name]: value } });
    for (const raw of ["%", "%zz", "%E0%A4%A", "%FF", "%C0%AF", "a%00b"]) add({ label: `raw path ${name}=${raw}`, rawParams: { [name]: raw } });
  }

  // Query parameters, one at a time.
  for (const p of queryParams) {
    const values: unknown[] = p.name === "cursor" ? [...badCursors(rng), ...ctx.cursors.flatMap((c) => tamperCursor(c, rng)), ...ctx.foreignCursors] : fieldJunk(rng, p.name, p.schema, true);
    for (const value of values) {
      add({ label: `query ${p.name}=${JSON.stringify(value).slice(0, 60)}`, query: (base) => [...base.filter(([k]) => k !== p.name), [p.name, String(value)]] });
    }
    add({ label: `query ${p.name} repeated`, query: (base) => [...base.filter(([k]) => k !== p.name), [p.name, "a"], [p.name, "b"]] });
    add({ label: `query ${p.name} ×200`, query: (base) => [...base.filter(([k]) => k !== p.name), ...Array.from({ length: 200 }, (): [string, string] => [p.name, "x"])] });
    add({ label: `query ${p.name} empty`, query: (base) => [...base.filter(([k]) => k !== p.name), [p.name, ""]] });
    if (p.required) add({ label: `query ${p.name} missing`, query: (base) => base.filter(([k]) => k !== p.name) });
  }
  // Undeclared query junk: ignored by the handler, must not break it.
  for (const [key, value] of [["__proto__[polluted]", "1"], ["constructor[prototype][x]", "1"], ["\u0000", "1"], ["a[]", "1"], ["x", "y".repeat(6000)], ["<script>", "' OR 1=1"]] as const) {
    add({ label: `query junk ${JSON.stringify(key)}`, query: (base) => [...base, [key, value]] });
  }
  add({ label: "query 300 junk params", query: (base) => [...base, ...Array.from({ length: 300 }, (_, i): [string, string] => [`k${i}`, "v"])] });

  if (hasBody) {
    for (const raw of INVALID_JSON) add({ label: `body invalid JSON ${JSON.stringify(raw).slice(0, 40)}`, body: { raw } });
    for (const value of WRONG_TYPES) add({ label: `body ${JSON.stringify(value).slice(0, 40)}`, body: { json: value } });
    add({ label: "body empty", body: { raw: "" } });
    add({ label: "body {}", body: { json: {} } });
    add({ label: "body deep array", body: { raw: deepJson(100_000) } });
    add({ label: "body deep object", body: { raw: deepJson(50_000, "object") } });
    add({ label: "body 1.2 MB JSON", body: { raw: JSON.stringify({ ...(baseBody as object), padding: "a".repeat(1_200_000) }) } });
    add({ label: "body 1.5 MB junk", body: { raw: "z".repeat(1_500_000) } });
    add({ label: "body just under 1 MB", body: { raw: JSON.stringify({ padding: "b".repeat(MAX_BODY_BYTES - 20) }) } });
    add({ label: "body prototype pollution", body: { raw: JSON.stringify(baseBody).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},') } });
    add({ label: "body extra field", body: { json: { ...(baseBody as object), unexpectedField: "<b>x</b>" } } });
    for (const type of CONTENT_TYPES) add({ label: `content-type ${JSON.stringify(type)}`, body: { raw: JSON.stringify(baseBody) }, headers: { "content-type": type } });
    add({ label: "form-encoded body", body: { raw: "name=x&kind=y" }, headers: { "content-type": "application/x-www-form-urlencoded" } });
    add({ label: "multipart body", body: { raw: "------fuzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n------fuzz--\r\n" }, headers: { "content-type": "multipart/form-data; boundary=----fuzz" } });
    add({ label: "latin1 bytes", body: { raw: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0xff, 0xfe, 0x22, 0x7d]) } });

    const required = new Set((bodySchema?.required as string[] | undefined) ?? []);
    for (const name of required) add({ label: `body without ${name}`, body: { json: setAt(baseBody, [name], undefined, true) } });
    for (const { path, schema } of propertyPaths(bodySchema)) {
      const name = path[path.length - 1] ?? "";
      for (const value of fieldJunk(rng, name, schema, false)) {
        add({ label: `body ${path.join(".")}=${JSON.stringify(value)?.slice(0, 50)}`, body: { json: setAt(baseBody, path, value) } });
      }
    }
  }

  // Random combinations up to the minimum: two fields broken at once, junk anywhere.
  const fieldPaths = propertyPaths(bodySchema);
  const pool = [...WRONG_TYPES, ...INJECTION, ...UNICODE, ...BAD_UUIDS, ...BAD_DATES, ...BAD_CIDRS];
  for (let i = 0; drafts.length < ctx.minCases && i < 10_000; i++) {
    const draft: TDraft = { label: "random" };
    if (fieldPaths.length && rng.chance(0.6)) {
      let body = baseBody;
      for (let k = rng.int(1, 3); k > 0; k--) body = setAt(body, rng.pick(fieldPaths).path, rng.pick(pool));
      draft.body = { json: body };
      draft.label += ` body ${JSON.stringify(body)}`;
    } else if (queryParams.length && rng.chance(0.7)) {
      const p = rng.pick(queryParams);
      const value = String(rng.pick(pool));
      draft.query = (base) => [...base.filter(([k]) => k !== p.name), [p.name, value]];
      draft.label += ` query ${p.name}=${JSON.stringify(value)}`;
    } else {
      const key = `${String(rng.pick([...INJECTION, ...UNICODE])) || "k"}${rng.int(0, 99)}`;
      const value = String(rng.pick(pool));
      draft.query = (base) => [...base, [key, value]];
      if (hasBody) draft.body = { json: { ...(baseBody as object), [key]: value } };
      else if (op.method !== "GET") draft.body = { raw: String(rng.pick(INVALID_JSON)) };
      draft.label += ` junk ${JSON.stringify(key)}=${JSON.stringify(value)}`;
    }
    add(draft);
  }

  // Keep every systematic case up to maxCases (deterministic sample beyond that).
  let chosen = drafts;
  if (drafts.length > ctx.maxCases) {
    const keepEvery = drafts.length / ctx.maxCases;
    chosen = Array.from({ length: ctx.maxCases }, (_, i) => drafts[Math.floor(i * keepEvery)] as TDraft);
  }

  const cases: TFuzzCase[] = [];
  for (const draft of chosen) cases.push(await finish(ctx, draft, baseQuery, baseBody, pathNames));
  return cases;
};

const XFF_JUNK = ["<script>", "' OR 1=1 --", "not-an-ip", "999.999.999.999", "::ffff:zz", "\u00e9", "1.2.3.4, evil", "a".repeat(500)];

/** Turns a draft into a request and its expected answer; a body that would be valid on a create endpoint is broken first. */
const finish = async (ctx: TCaseContext, draft: TDraft, baseQuery: [string, string][], baseBody: unknown, pathNames: string[]): Promise<TFuzzCase> => {
  const { op, oracle, rng } = ctx;
  const params = { ...ctx.baseParams, ...draft.params };
  let hasRawPathBytes = false;
  const path = op.route.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const raw = draft.rawParams?.[name];
    if (raw !== undefined) {
      hasRawPathBytes = true;
      return raw;
    }
    const encoded = encodeSegment(params[name] ?? "");
    hasRawPathBytes ||= encoded.isRawBytes;
    return encoded.text;
  });
  const query = typeof draft.query === "function" ? draft.query(baseQuery) : (draft.query ?? baseQuery);
  const search = new URLSearchParams(query).toString();
  const url = new URL(`${path}${search ? `?${search}` : ""}`, "http://fuzz.invalid");
  const headers: Record<string, string> = { ...draft.headers };
  if (rng.chance(0.1)) headers["x-forwarded-for"] = rng.pick(XFF_JUNK);
  if (rng.chance(0.05)) headers["accept"] = "text/html,application/xhtml+xml";
  let label = draft.label;
  let body = draft.body ? serialize(rng, draft.body) : op.method === "GET" || op.method === "DELETE" ? undefined : serialize(rng, { json: baseBody ?? {} });
  if (body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";

  const expectation = async () => {
    try {
      return await expectedFor(oracle, { params: Object.fromEntries(pathNames.map((n) => [n, params[n] ?? ""])), url, body });
    } catch (error) {
      // A schema that overflows on this input: the server must still answer 4xx.
      return { status: "4xx" as const, why: `schema threw ${(error as Error).name}` };
    }
  };
  let expected: TFuzzCase["expected"] = await expectation();
  if (expected.status === "any" && ctx.mustStayInvalid && oracle.body) {
    // Never let a create endpoint create: break the body until the schema refuses it.
    const parsed = body === undefined || !body.toString().trim() ? {} : (JSON.parse(body.toString()) as unknown);
    for (const candidate of breakers(parsed)) {
      if (!(await isValidBody(oracle, candidate))) {
        body = JSON.stringify(candidate);
        label += " (made invalid: create endpoint)";
        break;
      }
    }
    expected = await expectation();
    if (expected.status === "any") throw new Error(`${op.method} ${op.route}: could not make "${label}" invalid; refusing to send it`);
  }
  if (hasRawPathBytes) expected = { status: "4xx", why: "path not valid UTF-8 or not decodable" };
  else if (expected.status === "any" && ctx.isUnknownResource && op.method !== "GET") expected = { status: "4xx", why: "unknown resource" };
  return { label, method: op.method, url: `${url.pathname}${url.search}`, headers, body, expected };
};

function* breakers(value: unknown): Generator<unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    for (const key of keys) yield setAt(value, [key], undefined, true);
    for (const key of keys) yield setAt(value, [key], [[{}]]);
  }
  yield [value];
  yield "not an object";
}
