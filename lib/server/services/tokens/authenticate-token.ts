import { hashApiToken, looksLikeApiToken } from "../../crypto/api-token";
import { resolveApiToken } from "../../repositories/api-token-repository";
import type { Principal } from "../principal";

/** Resolves a bearer token to its owner; null when unknown, revoked, expired or the owner is disabled. */
export const authenticateToken = async (options: Readonly<{ token: string; ip: string | null; now?: Date }>): Promise<Principal | null> => {
  if (!looksLikeApiToken(options.token)) return null;
  const owner = await resolveApiToken(hashApiToken(options.token), options.now ?? new Date());
  if (!owner || owner.disabled) return null;
  return { userId: owner.userId, email: owner.email, name: owner.name, role: owner.role, via: "token", tokenId: owner.tokenId, ip: options.ip, mustChangePassword: owner.mustChangePassword };
};
