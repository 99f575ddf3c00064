import type { z } from "zod";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Keys of `sent` that parsing dropped: a zod object strips unknown keys silently, a contract must name each one. */
const strippedKeys = (sent: unknown, parsed: unknown, path: string, out: string[]) => {
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    sent.forEach((item, i) => strippedKeys(item, parsed[i], `${path}[${i}]`, out));
    return;
  }
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return;
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in parsed)) out.push(`${at}: not in the response schema`);
    else strippedKeys(value, parsed[key], at, out);
  }
};

/**
 * What is wrong with a JSON answer as the client receives it, against the contract's response schema: zod's issues,
 * then every key the schema does not declare. Empty when it matches.
 */
export const responseMismatches = (schema: z.ZodType, body: unknown): string[] => {
  const result = schema.safeParse(body);
  if (!result.success) return result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  const out: string[] = [];
  strippedKeys(body, result.data, "", out);
  return out;
};
