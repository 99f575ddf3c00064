import type { baselineOf } from "../profile-state";

/**
 * A session-volume rule per sensitivity: the least count in a session that can alert; unusual volume = more
 * than `sigmas` standard deviations above the user's mean per session AND at least `overMax` times the user's
 * largest session (a busy user's record is not an anomaly); and how many items new to the user (not seen in
 * 30 days) are unusual on their own (0 = never).
 */
export type TSessionRule = Readonly<{ floor: number; sigmas: number; overMax: number; newItems: number }>;

/** Why a session's count is unusual against the user's 30-day baseline (volume first), or null when it is not. */
export const unusualSessionReason = (count: number, base: ReturnType<typeof baselineOf>, newItems: number, rule: TSessionRule): "volume" | "new_items" | null => {
  if (count < rule.floor) return null;
  if (base.sessions === 0 || (count > base.mean + rule.sigmas * base.sd && count >= rule.overMax * base.max)) return "volume";
  return rule.newItems > 0 && newItems >= rule.newItems ? "new_items" : null;
};
