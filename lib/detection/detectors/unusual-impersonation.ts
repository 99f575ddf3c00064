import { alertCandidate } from "../candidate";
import { formatDuration, plural } from "../format";
import { baselineOf, BASELINE_MS, MAX_SESSION_SEQS, type TSession } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { sessionEpisodeKey, whoOf, type TDetectorInput } from "./context";
import { unusualSessionReason, type TSessionRule } from "./session-rule";

/** Per sensitivity (TSessionRule): impersonation activities in a session, and accounts new to the impersonator. */
const RULES = {
  low: { floor: 4, sigmas: 4, overMax: 3, newItems: 0 },
  medium: { floor: 2, sigmas: 3, overMax: 2, newItems: 3 },
  high: { floor: 1, sigmas: 2, overMax: 1.5, newItems: 1 },
} as const satisfies Record<string, TSessionRule>;

/** The impersonated account: the activity's target user (email), else the on-behalf-of account id. */
const victimOf = (a: TDetectorInput["a"]): string => a.targetName ?? a.onBehalfOfId ?? "unknown";

/**
 * unusual_impersonation: impersonation by one actor in one session (log in as a user, or acting on behalf
 * of another account) unusual against the actor's last 30 days: at medium 2+ such activities when the actor
 * did none before, or above mean + 3σ and twice their largest session, or 3+ accounts not impersonated in 30 days
 * when that many new accounts is itself a departure from the actor's own rate of new accounts per session.
 */
export const detectUnusualImpersonation = ({ a, t, user, policy, isLearned }: TDetectorInput, session: TSession): TAlertCandidate | null => {
  if (a.isSystem || !a.isImpersonation) return null;
  session.imp++;
  if (session.impSeqs.length < MAX_SESSION_SEQS) session.impSeqs.push(a.seq.toString());
  const victim = victimOf(a);
  if (!session.impVictims.includes(victim) && session.impVictims.length < 200) session.impVictims.push(victim);
  if (!policy || !isLearned) return null;
  const base = baselineOf(user.impHist, session.start);
  const newBase = baselineOf(user.impNewHist ?? [], session.start);
  const newVictims = session.impVictims.filter((v) => (user.impVictims[v] ?? 0) <= t - BASELINE_MS);
  if (session.impAlert) return candidate(policy, a, session, base, newVictims, [a.seq], newBase);
  const reason = unusualSessionReason(session.imp, base, newVictims.length, RULES[policy.sensitivity], newBase);
  if (!reason) return null;
  session.impAlert = { reason: reason === "volume" ? "volume" : "new_accounts" };
  return candidate(policy, a, session, base, newVictims, session.impSeqs.map((s) => BigInt(s)), newBase);
};

const candidate = (
  policy: NonNullable<TDetectorInput["policy"]>,
  a: TDetectorInput["a"],
  s: TSession,
  base: ReturnType<typeof baselineOf>,
  newVictims: readonly string[],
  seqs: bigint[],
  newBase: ReturnType<typeof baselineOf>,
): TAlertCandidate => {
  const usual =
    base.sessions === 0 ? "no impersonation in the previous 30 days" : `usually at most ${base.max} per session (${plural(base.sessions, "session")} in 30 days)`;
  const fresh =
    s.impAlert?.reason === "new_accounts" && newBase.sessions > 0
      ? `; ${plural(newVictims.length, "account")} new to this user, who usually meets at most ${plural(newBase.max, "new account")} per session`
      : "";
  return alertCandidate(policy, a, {
    episodeKey: sessionEpisodeKey(policy, a, s),
    title: `Unusual impersonation: ${whoOf(a)}`,
    explanation: `${plural(s.imp, "impersonation activity", "impersonation activities")} involving ${plural(s.impVictims.length, "account")} (${s.impVictims.slice(0, 4).join(", ")}${s.impVictims.length > 4 ? "…" : ""}) in ${formatDuration(s.last - s.start)}; ${usual}${fresh}`,
    details: { impersonations: s.imp, accounts: s.impVictims, newAccounts: newVictims, baseline: base, newAccountsBaseline: newBase, reason: s.impAlert?.reason ?? null },
    activitySeqs: seqs,
    first: s.start,
    last: s.last,
  });
};
