import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { authenticateToken } from "../services/tokens/authenticate-token";
import { cachedPrincipal } from "../services/auth/principal-cache";
import { resolveSessionUser } from "../services/auth/resolve-session-user";
import { parseSessionClaims } from "../services/auth/session-claims";
import type { Principal } from "../services/principal";
import { clientIpFrom } from "../http/client-ip";
import { readSessionToken } from "./session-cookie";

/**
 * The caller of this request: a bearer API token if one is sent, else the next-auth session. Memoized per
 * request, and reused for up to 2 s across requests (services/auth/principal-cache.ts).
 */
export const getCurrentPrincipal = cache(async (): Promise<Principal | null> => {
  const requestHeaders = await headers();
  const ip = clientIpFrom(requestHeaders);
  const authorization = requestHeaders.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const token = authorization.slice(7).trim();
    return cachedPrincipal(`token:${token}`, ip, () => authenticateToken({ token, ip }));
  }
  const cookie = requestHeaders.get("cookie");
  if (!cookie) return null;
  // The same cookies decode to the same session: the JWT's decryption (next-auth derives its key with HKDF on
  // every call) is reused along with the session's check, for up to 2 s (a session may outlive its expiry by
  // that; a sign-out or password change in this process clears it at once).
  return cachedPrincipal(`cookie:${cookie}`, ip, async () => {
    const claims = parseSessionClaims(await readSessionToken());
    return claims ? resolveSessionUser({ claims, ip }) : null;
  });
});
