import { z } from "zod";

/** GET /api/v1/connectors/{id}/quarantine: newest first, keyset cursor. */
export const ZQuarantineQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be a value returned as nextCursor")
    // An id is a PostgreSQL bigint: anything above its maximum would fail in the database.
    // The refinement runs even when the regex failed: BigInt must only see digits.
    .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= 9223372036854775807n, "cursor must be a value returned as nextCursor")
    .optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(25),
});
export type TQuarantineQuery = z.infer<typeof ZQuarantineQuery>;

/** One quarantined event as listed: no raw JSON (that is in the export). */
export const ZQuarantinedEventDto = z.object({
  id: z.string(),
  /** The event's id, or null when it had no usable one. */
  eventId: z.string().nullable(),
  /** The first schema problem, "path: message". */
  reason: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** Pages that carried it (a replay or a duplicate counts again). */
  seenCount: z.number().int(),
  rawBytes: z.number().int(),
  rawTruncated: z.boolean(),
});
export type TQuarantinedEventDto = z.infer<typeof ZQuarantinedEventDto>;

export const ZQuarantinePage = z.object({
  data: z.array(ZQuarantinedEventDto),
  nextCursor: z.string().nullable(),
  /** Every quarantined event of the connector. */
  total: z.number().int(),
});
export type TQuarantinePage = z.infer<typeof ZQuarantinePage>;
