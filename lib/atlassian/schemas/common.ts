import { z } from "zod";

/** Pagination links: full URLs whose `cursor` query parameter continues the listing (ATL-ORG intro). */
export const ZLinks = z.looseObject({
  self: z.string().optional(),
  prev: z.string().nullable().optional(),
  next: z.string().nullable().optional(),
});
export type TLinks = z.infer<typeof ZLinks>;

/** `meta` as sent by the org API; `next` repeats the cursor of `links.next`, `total` appears on /users. */
export const ZPageMeta = z.looseObject({
  next: z.string().nullable().optional(),
  page_size: z.number().int().optional(),
  total: z.number().int().optional(),
});
export type TPageMeta = z.infer<typeof ZPageMeta>;

export const ZSelfLink = z.looseObject({ self: z.string().optional() });

/**
 * Error body. Atlassian's exact JSON is unconfirmed ([S] in atlassian-api.md §1.2): the simulator sends
 * this shape, and the client tolerates any body, so every field is optional here.
 */
export const ZErrorBody = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        status: z.string().optional(),
        code: z.string().optional(),
        title: z.string().optional(),
        detail: z.string().optional(),
      }),
    )
    .optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** `{"message": "..."}` answers of suspend-access / restore-access / lifecycle delete. */
export const ZMessageResponse = z.looseObject({ message: z.string() });
export type TMessageResponse = z.infer<typeof ZMessageResponse>;

/** Wraps an item schema in the JSON:API-like list envelope `{data, meta?, links?}`. */
export const listEnvelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({ data: z.array(item), meta: ZPageMeta.optional(), links: ZLinks.optional() });

/** Wraps an item schema in the single-resource envelope `{data}`. */
export const itemEnvelope = <T extends z.ZodType>(item: T) => z.looseObject({ data: item });
