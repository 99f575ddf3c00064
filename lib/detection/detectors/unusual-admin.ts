import { findEventAction } from "../../atlassian/event-actions";
import { formatDuration, plural } from "../format";
import { baselineOf, BASELINE_MS, MAX_SESSION_SEQS, type TSession } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { userOf, whoOf, type TDetectorInput } from "./context";

/**
 * Per sensitivity: the least number of admin actions in a session that can alert; unusual volume = more
 * than `sigmas` standard deviations above the user's mean per session AND at least `overMax` times the
 * user's largest session (a busy admin's record is not an anomaly); and how many kinds of action new to the
 * user (not used in 30 days) count as unusual on their own (0 = never).
 */
const RULES = {
  low: { floor: 10, sigmas: 4, overMax: 3, newKinds: 0 },
  medium: { floor: 5, sigmas: 3, overMax: 2, newKinds: 3 },
  high: { floor: 3, sigmas: 2, overMax: 1.5, newKinds: 2 },
} as const;

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
  const rule = RULES[policy.sensitivity];
  if (session.admin < rule.floor) return null;
  const limit = base.mean + rule.sigmas * base.sd;
  const isVolume = base.sessions === 0 || (session.admin > limit && session.admin >= rule.overMax * base.max);
  const isNewKinds = rule.newKinds > 0 && newKinds.length >= rule.newKinds;
  if (!isVolume && !isNewKinds) return null;
  session.adminAlert = { reason: isVolume ? "volume" : "new_kinds" };
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
  return {
    policyKey: policy.key,
    episodeKey: `${policy.key}:${a.connectorId}:${a.actorId}:${s.start}`,
    severity: policy.severity,
    connectorId: a.connectorId,
    user: userOf(a),
    title: `Unusual administrative activity: ${whoOf(a)}`,
    explanation: `${plural(s.admin, "admin action")} of ${plural(s.adminKinds.length, "kind")} in ${formatDuration(s.last - s.start)}; ${usual}${fresh}`,
    details: { adminActions: s.admin, kinds: s.adminKinds, newKinds, baseline: base, reason: s.adminAlert?.reason ?? null },
    activitySeqs: seqs,
    firstActivityAt: new Date(s.start),
    lastActivityAt: new Date(s.last),
  };
};
