/** Days before an API key expires at which every enabled channel is warned (issue 4), largest first. */
export const KEY_EXPIRY_THRESHOLDS_DAYS = [30, 7, 1] as const;
const DAY_MS = 86_400_000;

/** The warning threshold a key is within (the smallest that applies), or null beyond 30 days or once expired. */
export const keyExpiryThreshold = (expiresAt: Date, now: Date): number | null => {
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0) return null;
  const within = KEY_EXPIRY_THRESHOLDS_DAYS.filter((days) => remaining <= days * DAY_MS);
  return within.length ? Math.min(...within) : null;
};

/** Whole days left, rounded up (a key expiring in 6.2 days has "7 days" left), at least 1. */
export const daysLeft = (expiresAt: Date, now: Date): number => Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
