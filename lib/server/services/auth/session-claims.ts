import { randomUUID } from "node:crypto";
import { getEnv } from "../../../env";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 60 * 60 * 1000;

/**
 * What a session JWT carries besides the user: a session id (what sign-out revokes), when it signed in, and
 * when it ends at the latest (fixed at sign-in: refreshing the JWT keeps both, so it cannot extend them).
 * Times are epoch milliseconds, compared with users.sessions_valid_after at that precision.
 */
export type SessionClaims = Readonly<{ userId: string; sid: string; signedInAt: number; expiresAt: number }>;

/** WATCHPOST_SESSION_MAX_HOURS in milliseconds. */
export const sessionMaxMs = (): number => getEnv().WATCHPOST_SESSION_MAX_HOURS * HOUR_MS;

/** The claims of a session that signs in at `now`. */
export const newSessionClaims = (userId: string, now: Date, maxMs = sessionMaxMs()): SessionClaims => ({
  userId,
  sid: randomUUID(),
  signedInAt: now.getTime(),
  expiresAt: now.getTime() + maxMs,
});

const isTime = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value > 0;

/** The claims of a decoded JWT, or null when any is missing or malformed (e.g. a JWT issued before sessions had ids). */
export const parseSessionClaims = (token: Readonly<Record<string, unknown>> | null | undefined): SessionClaims | null => {
  if (!token) return null;
  const { sub, sid, signedInAt, expiresAt } = token;
  if (typeof sub !== "string" || !UUID.test(sub) || typeof sid !== "string" || !UUID.test(sid)) return null;
  if (!isTime(signedInAt) || !isTime(expiresAt)) return null;
  return { userId: sub, sid, signedInAt, expiresAt };
};

/**
 * Whether the session is within its absolute lifetime at `now`: before the expiry it got at sign-in, and
 * within the lifetime configured now (lowering WATCHPOST_SESSION_MAX_HOURS shortens running sessions; raising
 * it never lengthens one).
 */
export const isWithinLifetime = (claims: SessionClaims, now: Date, maxMs = sessionMaxMs()): boolean =>
  now.getTime() < Math.min(claims.expiresAt, claims.signedInAt + maxMs);
