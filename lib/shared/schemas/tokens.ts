import { z } from "zod";

export const ZCreateTokenInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
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
  ownerEmail: z.string(),
});
export type TTokenDto = z.infer<typeof ZTokenDto>;

/** Returned once, at creation: the only time the token itself leaves the server. */
export const ZCreatedTokenDto = ZTokenDto.extend({ token: z.string() });
export type TCreatedTokenDto = z.infer<typeof ZCreatedTokenDto>;
