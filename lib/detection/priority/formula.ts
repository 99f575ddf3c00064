import { DAY_MS, SESSION_GAP_MS } from "../profile-state";

/**
 * The constants of the investigation priority score (docs/detections.md, "Investigation priority"). Kept apart
 * from the scoring so the documentation and the tests name one source.
 */
export const PRIORITY_WINDOW_MS = 7 * DAY_MS;
/** Rarity counts a policy's alerts in the connector over this long. */
export const RARITY_WINDOW_MS = 30 * DAY_MS;
export const TREND_DAYS = 7;

export const SEVERITY_POINTS = { low: 10, medium: 20, high: 40 } as const;
export type TPrioritySeverity = keyof typeof SEVERITY_POINTS;

/** Unusual activity that raised no alert: points per group (one anonymous IP, one burst, one new country). */
export const ACTIVITY_POINTS = { anonymous_ip: 15, suspicious_ip: 10, new_country: 10, failed_sign_ins: 5 } as const;
export type TUnusualKind = keyof typeof ACTIVITY_POINTS;

/** A burst: this many failed sign-ins with no gap over 30 minutes; each further failure adds a point, up to the cap. */
export const BURST_MIN_FAILURES = 3;
export const BURST_GAP_MS = SESSION_GAP_MS;
export const BURST_MAX_POINTS = 15;

/** Confirmed benign alerts still describe the person's behaviour, at half weight; false positives count nothing. */
export const BENIGN_FACTOR = 0.5;

/**
 * Rarity of a policy in the org: 3 for its only alert in 30 days, 1.5 at 10, 1 at 100, down to 0.5 for a policy
 * that fires constantly (3 / (1 + log10 n), clamped to [0.5, 3]).
 */
export const rarityOf = (policyAlerts30d: number): number => {
  const n = Math.max(1, policyAlerts30d);
  return Math.min(3, Math.max(0.5, 3 / (1 + Math.log10(n))));
};

/**
 * Age decay within the window: 1 for something happening now, linearly down to 0.5 at 7 days. Recent signals
 * rank a person above stale ones, yet a week-old alert still counts half (investigations take days).
 */
export const decayOf = (ageMs: number): number => 1 - 0.5 * Math.min(1, Math.max(0, ageMs) / PRIORITY_WINDOW_MS);
