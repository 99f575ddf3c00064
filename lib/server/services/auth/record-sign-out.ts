import { appendAuditEvent } from "../../repositories/audit-repository";
import { revokeSession } from "../../repositories/revoked-session-repository";
import { forgetCachedPrincipalsOf } from "./principal-cache";
import { parseSessionClaims } from "./session-claims";

/**
 * Sign-out of one browser: its session id is revoked until the session would have expired anyway, so the old
 * cookie is refused on the next request even if someone kept a copy. The user's other sessions go on.
 */
export const recordSignOut = async (options: Readonly<{ token: Readonly<Record<string, unknown>>; now?: Date }>): Promise<void> => {
  const { token } = options;
  const claims = parseSessionClaims(token);
  // A JWT without session claims is refused anyway (resolve-session-user.ts): nothing to revoke.
  if (!claims) return;
  const { userId } = claims;
  await revokeSession({ sid: claims.sid, userId, revokedAt: options.now ?? new Date(), expiresAt: new Date(claims.expiresAt) });
  await forgetCachedPrincipalsOf(userId);
  await appendAuditEvent({ action: "auth.sign_out", actorId: userId, actorEmail: typeof token.email === "string" ? token.email : null });
};
