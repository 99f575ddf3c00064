// What the server must answer to a fuzz input, decided by the same zod schemas its handler parses with:
// withRoute parses path params, then the query, then the JSON body (≤ 1 MB), each failure a 400 (413 when
// too large; a NUL character anywhere in a part is a 400 too). The schemas are those of the route's contract
// (lib/shared/contracts), the single declaration withRoute runs on.
import type { z } from "zod";
import { findNulCharacter } from "../../../lib/shared/nul-character";
import type { TRouteOperation } from "../app-routes";

type TSchema = z.ZodType;
export type TOracle = Readonly<{ params?: TSchema; query?: TSchema; body?: TSchema }>;

/** lib/server/http/read-json-body.ts MAX_BODY_BYTES. */
export const MAX_BODY_BYTES = 1_000_000;

/** The params/query/body schemas of one route export. */
export const oracleFor = async (op: TRouteOperation): Promise<TOracle> => ({ params: op.contract?.params, query: op.contract?.query, body: op.contract?.body });

/** lib/server/http/with-route.ts searchParamsToObject. */
export const queryObject = (url: URL): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
};

export type TExpectation = Readonly<{ status: number | "any"; why: string }>;

/** with-route refuses NUL anywhere in a part it parses, then applies the part's schema. */
const isValid = async (schema: TSchema | undefined, value: unknown) => !schema || (!findNulCharacter(value) && (await schema.safeParseAsync(value)).success);

/**
 * The status withRoute must answer for this input, or "any" when every part is valid (the handler then
 * decides; it still must not fail with a 5xx).
 */
export const expectedFor = async (oracle: TOracle, input: Readonly<{ params: Record<string, string>; url: URL; body?: string | Buffer }>): Promise<TExpectation> => {
  if (oracle.params && !(await isValid(oracle.params, input.params))) return { status: 400, why: "invalid path parameter" };
  if (oracle.query && !(await isValid(oracle.query, queryObject(input.url)))) return { status: 400, why: "invalid query" };
  if (!oracle.body) return { status: "any", why: "valid input" };
  const bytes = input.body === undefined ? 0 : Buffer.byteLength(input.body);
  if (bytes > MAX_BODY_BYTES) return { status: 413, why: "body over 1 MB" };
  const text = input.body === undefined ? "" : input.body.toString();
  let parsed: unknown = {};
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status: 400, why: "body is not JSON" };
    }
  }
  if (!(await isValid(oracle.body, parsed))) return { status: 400, why: "invalid body" };
  return { status: "any", why: "valid input" };
};

/** Whether a JSON body would pass the body schema (used to never send a valid body to a create endpoint). */
export const isValidBody = async (oracle: TOracle, body: unknown) => isValid(oracle.body, body);
