import type { TTokenDto } from "../../../shared/schemas/tokens";
import type { ApiTokenRecord } from "../../repositories/api-token-repository";

export const toTokenDto = (token: ApiTokenRecord): TTokenDto => ({
  id: token.id,
  name: token.name,
  prefix: token.prefix,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
  expiresAt: token.expiresAt?.toISOString() ?? null,
  ownerEmail: token.user.email,
});
