import { z } from "zod";
import { badRequest } from "../http-kit";

/**
 * Cursors are opaque base64url JSON, like Atlassian's (the §5.1 example decodes to `{"p":…,"id":…}`).
 * `k` tells the listing apart, so a cursor from one endpoint is rejected by another with 400.
 */
export const ZStreamCursor = z.object({
  k: z.literal("s"),
  o: z.enum(["asc", "desc"]),
  /** processedAt (ms) and seq of the last event served; null before the first event. */
  p: z.number().nullable(),
  q: z.number().nullable(),
  f: z.number().nullable(),
  t: z.number().nullable(),
  l: z.number().int().positive(),
});
export type TStreamCursor = z.infer<typeof ZStreamCursor>;

/** /events: time (ms) and seq of the last event served, newest first. */
export const ZEventsCursor = z.object({ k: z.literal("e"), t: z.number(), q: z.number() });

/** Plain offset into a small listing (users, domains, ...); `r` names the listing. */
export const ZOffsetCursor = z.object({ k: z.literal("o"), r: z.string(), o: z.number().int().min(0) });

export const encodeCursor = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Decodes a cursor or throws 400 INVALID_PAGE_CURSOR (Error.InvalidPageCursor in Atlassian's spec). */
export const decodeCursor = <T>(text: string, schema: z.ZodType<T>): T => {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw badRequest("INVALID_PAGE_CURSOR", "the cursor is not valid");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest("INVALID_PAGE_CURSOR", "the cursor is not valid for this endpoint");
  return parsed.data;
};
