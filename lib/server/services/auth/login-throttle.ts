import { appendAuditEvent } from "../../repositories/audit-repository";
import { countRecentLoginFailures } from "../../repositories/login-failure-repository";

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

/** Whether sign-in for this email or from this IP is currently refused. */
export const getLoginThrottle = async (options: Readonly<{ email: string; ip: string; now?: Date }>): Promise<ThrottleState> => {
  const now = options.now ?? new Date();
  const counts = await countRecentLoginFailures(options.email, options.ip, new Date(now.getTime() - LOGIN_WINDOW_MS));
  return decideThrottle(counts, now);
};

export const throttleMessage = (retryAfterSeconds: number): string =>
  `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`;

/** Checks the throttle and, when limited, records the refused attempt in the portal audit trail. */
export const checkSignInAllowed = async (options: Readonly<{ email: string | null; ip: string; now?: Date }>): Promise<ThrottleState> => {
  const throttle = await getLoginThrottle({ email: options.email ?? "", ip: options.ip, now: options.now });
  if (throttle.isLimited) await appendAuditEvent({ action: "auth.sign_in_throttled", actorEmail: options.email, ip: options.ip });
  return throttle;
};
