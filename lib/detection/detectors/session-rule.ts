import type { baselineOf } from "../profile-state";

/**
 * A session-volume rule per sensitivity: the least count in a session that can alert; unusual volume = more
 * than `sigmas` standard deviations above the user's mean per session AND at least `overMax` times the user's
 * largest session (a busy user's record is not an anomaly); and how many items new to the user (not seen in
 * 30 days) are unusual on their own (0 = never).
 */
export type TSessionRule = Readonly<{ floor: number; sigmas: number; overMax: number; newItems: number }>;

type TBaseline = ReturnType<typeof baselineOf>;

/** A count above mean + sigmas·σ and at least overMax × the largest of the baseline (or no baseline at all). */
const isDeparture = (count: number, base: TBaseline, rule: TSessionRule) => base.sessions === 0 || (count > base.mean + rule.sigmas * base.sd && count >= rule.overMax * base.max);

/**
 * Why a session's count is unusual against the user's 30-day baseline (volume first), or null when it is not.
 * `newItemsBase`, when given, is the user's own baseline of new items per session: then new items are unusual only
 * as a clear departure from it, by the same rule as volume (someone who meets new accounts daily is not flagged for it).
 */
export const unusualSessionReason = (count: number, base: TBaseline, newItems: number, rule: TSessionRule, newItemsBase?: TBaseline): "volume" | "new_items" | null => {
  if (count < rule.floor) return null;
  if (isDeparture(count, base, rule)) return "volume";
  if (rule.newItems === 0 || newItems < rule.newItems) return null;
  return newItemsBase === undefined || isDeparture(newItems, newItemsBase, rule) ? "new_items" : null;
};
