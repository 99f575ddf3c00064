import { findSessionUser } from "../../repositories/user-repository";
import type { Principal } from "../principal";
import { isWithinLifetime, type SessionClaims } from "./session-claims";

export type ResolveSessionUserOptions = Readonly<{ claims: SessionClaims; ip: string | null; now?: Date; maxMs?: number }>;

/**
 * A session is only as good as its user and its own standing: refused past its absolute lifetime, once signed
 * out (revoked_sessions), when signed in before the user's sessions_valid_after (sign out everywhere, password
 * changes), and when the user is disabled or deleted. Role changes apply at once.
 */
export const resolveSessionUser = async (options: ResolveSessionUserOptions): Promise<Principal | null> => {
  const { claims } = options;
  if (!isWithinLifetime(claims, options.now ?? new Date(), options.maxMs)) return null;
  const user = await findSessionUser(claims.userId, claims.sid);
  if (!user || user.disabled || user.isSessionRevoked) return null;
  if (user.sessionsValidAfter && claims.signedInAt < user.sessionsValidAfter.getTime()) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    via: "session",
    ip: options.ip,
    mustChangePassword: user.mustChangePassword,
    sessionId: claims.sid,
  };
};
