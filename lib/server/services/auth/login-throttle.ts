import { throttleMessage } from "../../../shared/sign-in-errors";
import { appendCollapsedAuditEvent } from "../../repositories/audit-repository";
import { releaseLoginAttempt, reserveLoginAttempt, type LoginFailureCounts } from "../../repositories/login-failure-repository";

export { throttleMessage };

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleState = Readonly<{ isLimited: boolean; retryAfterSeconds: number }>;

type FailureCount = Readonly<{ count: number; oldest: Date | null }>;

/** Pure rule: limited once either counter reaches the maximum; free again when its oldest failure ages out. */
export const decideThrottle = (counts: Readonly<{ email: FailureCount; ip: FailureCount }>, now: Date): ThrottleState => {
  const limited = [counts.email, counts.ip].filter((c) => c.count >= MAX_LOGIN_FAILURES && c.oldest);
  if (limited.length === 0) return { isLimited: false, retryAfterSeconds: 0 };
  const freeAt = Math.max(...limited.map((c) => (c.oldest as Date).getTime() + LOGIN_WINDOW_MS));
  return { isLimited: true, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) };
};

/** A sign-in attempt counted before its password is checked (attemptId null when it was refused). */
export type SignInReservation = Readonly<{ email: string; ip: string; attemptId: bigint | null; throttle: ThrottleState }>;

/**
 * Counts this attempt against the email and the IP before any password check, atomically with the check of
 * the limit: of N concurrent attempts, only as many as the limit allows get a reservation. A refused attempt
 * is audited once per email or IP per window (a counter on one row), so a flood cannot flood the audit log.
 */
export const reserveSignInAttempt = async (options: Readonly<{ email: string; ip: string; now?: Date }>): Promise<SignInReservation> => {
  const now = options.now ?? new Date();
  const { email, ip } = options;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const { counts, attemptId } = await reserveLoginAttempt({ email, ip, since, at: now, isAllowed: (c) => !decideThrottle(c, now).isLimited });
  const throttle = decideThrottle(counts, now);
  if (throttle.isLimited) await auditThrottled({ email, ip, counts, since, now });
  return { email, ip, attemptId, throttle };
};

/** Gives back a reservation whose password was never checked. */
export const releaseSignInAttempt = async (reservation: SignInReservation): Promise<void> => {
  if (reservation.attemptId !== null) await releaseLoginAttempt(reservation.attemptId);
};

const auditThrottled = async (options: Readonly<{ email: string; ip: string; counts: LoginFailureCounts; since: Date; now: Date }>) => {
  // An IP trying many emails is one row per IP; an email tried from many IPs is one row per email.
  const throttledBy = options.counts.ip.count >= MAX_LOGIN_FAILURES ? "ip" : "email";
  await appendCollapsedAuditEvent({
    entry: { action: "auth.sign_in_throttled", actorEmail: options.email, ip: options.ip, details: { throttledBy } },
    collapseKey: throttledBy === "ip" ? `ip:${options.ip}` : `email:${options.email}`,
    since: options.since,
    at: options.now,
  });
};
