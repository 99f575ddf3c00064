import { z } from "zod";

/** Lifetimes a token may be given at creation; null (or omitted) never expires. */
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;

export const ZTokenExpiresInDays = z
  .union([z.literal(30), z.literal(90), z.literal(365), z.null()], { error: "Expiry must be 30, 90 or 365 days, or null for none" })
  .optional();

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
  expiresInDays: ZTokenExpiresInDays,
});
export type TCreateTokenInput = z.infer<typeof ZCreateTokenInput>;

export const ZTokenIdParams = z.object({ id: z.uuid({ error: "Unknown token id" }) });

export const ZTokenDto = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Null: never expires. */
  expiresAt: z.string().nullable(),
  ownerEmail: z.string(),
});
export type TTokenDto = z.infer<typeof ZTokenDto>;

/** Returned once, at creation: the only time the token itself leaves the server. */
export const ZCreatedTokenDto = ZTokenDto.extend({ token: z.string() });
export type TCreatedTokenDto = z.infer<typeof ZCreatedTokenDto>;
