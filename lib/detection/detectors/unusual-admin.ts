import { findEventAction } from "../../atlassian/event-actions";
import { alertCandidate } from "../candidate";
import { formatDuration, plural } from "../format";
import { baselineOf, BASELINE_MS, MAX_SESSION_SEQS, type TSession } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { sessionEpisodeKey, whoOf, type TDetectorInput } from "./context";
import { unusualSessionReason, type TSessionRule } from "./session-rule";

/** Per sensitivity (TSessionRule): admin actions in a session, and kinds of action new to the user. */
const RULES = {
  low: { floor: 10, sigmas: 4, overMax: 3, newItems: 0 },
  medium: { floor: 5, sigmas: 3, overMax: 2, newItems: 3 },
  high: { floor: 3, sigmas: 2, overMax: 1.5, newItems: 2 },
} as const satisfies Record<string, TSessionRule>;

/**
 * unusual_admin: administrative actions in one session unusual for the user: at medium at least 5, and
 * either above the user's mean + 3σ and twice their largest session (30 days), or 3+ kinds the user has
 * not used in 30 days. Impersonation is left to unusual_impersonation. One alert per session.
 */
export const detectUnusualAdmin = ({ a, t, user, policy, isLearned }: TDetectorInput, session: TSession): TAlertCandidate | null => {
  if (a.isSystem || !a.isAdminAction || a.isImpersonation) return null;
  session.admin++;
  if (session.adminSeqs.length < MAX_SESSION_SEQS) session.adminSeqs.push(a.seq.toString());
  if (!session.adminKinds.includes(a.action)) session.adminKinds.push(a.action);
  if (!policy || !isLearned) return null;
  const kinds = session.adminKinds;
  const newKinds = kinds.filter((kind) => (user.adminKinds[kind] ?? 0) <= t - BASELINE_MS);
  const base = baselineOf(user.adminHist, session.start);
  if (session.adminAlert) return candidate(policy, a, session, base, newKinds, [a.seq]);
  const reason = unusualSessionReason(session.admin, base, newKinds.length, RULES[policy.sensitivity]);
  if (!reason) return null;
  session.adminAlert = { reason: reason === "volume" ? "volume" : "new_kinds" };
  return candidate(policy, a, session, base, newKinds, session.adminSeqs.map((s) => BigInt(s)));
};

const candidate = (
  policy: NonNullable<TDetectorInput["policy"]>,
  a: TDetectorInput["a"],
  s: TSession,
  base: ReturnType<typeof baselineOf>,
  newKinds: readonly string[],
  seqs: bigint[],
): TAlertCandidate => {
  const usual =
    base.sessions === 0
      ? "none in the previous 30 days"
      : `usually at most ${base.max} per session (mean ${base.mean.toFixed(1)} over ${plural(base.sessions, "session")} in 30 days)`;
  const fresh = newKinds.length > 0 ? `; new for this user: ${newKinds.map((k) => findEventAction(k)?.displayName ?? k).join(", ")}` : "";
  return alertCandidate(policy, a, {
    episodeKey: sessionEpisodeKey(policy, a, s),
    title: `Unusual administrative activity: ${whoOf(a)}`,
    explanation: `${plural(s.admin, "admin action")} of ${plural(s.adminKinds.length, "kind")} in ${formatDuration(s.last - s.start)}; ${usual}${fresh}`,
    details: { adminActions: s.admin, kinds: s.adminKinds, newKinds, baseline: base, reason: s.adminAlert?.reason ?? null },
    activitySeqs: seqs,
    first: s.start,
    last: s.last,
  });
};
