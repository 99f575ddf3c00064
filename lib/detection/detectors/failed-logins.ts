import { alertCandidate } from "../candidate";
import { formatClock, formatDuration, plural } from "../format";
import { baselineOf, MAX_SESSION_SEQS, type TSession } from "../profile-state";
import type { TAlertCandidate } from "../types";
import { isFailedLogin, sessionEpisodeKey, whoOf, type TDetectorInput } from "./context";

/** Threshold = max(floor, factor × the user's 95th percentile of failed logins per session). */
const RULES = { low: { floor: 10, factor: 5 }, medium: { floor: 5, factor: 3 }, high: { floor: 3, factor: 2 } } as const;

/**
 * failed_logins: more failed logins in one session (30-minute inactivity gap) than max(5, 3 × the user's
 * 95th percentile per session over the last 30 days) at medium. One alert per session: further failures,
 * and a successful login from one of the failing IPs, continue it.
 */
export const detectFailedLogins = ({ a, t, user, policy, isLearned }: TDetectorInput, session: TSession): TAlertCandidate | null => {
  if (a.isSystem) return null;
  if (!isFailedLogin(a)) {
    const isBreakIn = session.failAlert && !session.failAlert.success && a.action === "user_login" && a.ip !== null && session.failIps.includes(a.ip);
    if (!isBreakIn || !policy || !session.failAlert) return null;
    session.failAlert.success = a.ip ?? undefined;
    return candidate(policy, a, session, [a.seq]);
  }
  session.fails++;
  session.failStart = Math.min(session.failStart ?? t, t);
  if (session.failSeqs.length < MAX_SESSION_SEQS) session.failSeqs.push(a.seq.toString());
  if (a.ip && !session.failIps.includes(a.ip) && session.failIps.length < 20) session.failIps.push(a.ip);
  if (!policy || !isLearned) return null;
  if (session.failAlert) return candidate(policy, a, session, [a.seq]);
  const rule = RULES[policy.sensitivity];
  const base = baselineOf(user.failHist, session.start);
  const threshold = Math.max(rule.floor, rule.factor * base.p95);
  if (session.fails <= threshold) return null;
  session.failAlert = { threshold, usual: base.p95, sessions: base.sessions };
  return candidate(policy, a, session, session.failSeqs.map((s) => BigInt(s)));
};

const candidate = (policy: NonNullable<TDetectorInput["policy"]>, a: TDetectorInput["a"], s: TSession, seqs: bigint[]): TAlertCandidate => {
  const alert = s.failAlert as NonNullable<TSession["failAlert"]>;
  const usual = alert.sessions === 0 ? "this user had no failed login in the previous 30 days" : `this user's usual maximum per session is ${alert.usual}`;
  const success = alert.success ? `; then a successful login from ${alert.success}` : "";
  return alertCandidate(policy, a, {
    episodeKey: sessionEpisodeKey(policy, a, s),
    title: `Multiple failed login attempts: ${whoOf(a)}${alert.success ? " (then a successful login)" : ""}`,
    explanation: `${plural(s.fails, "failed login")} in ${formatDuration(s.last - (s.failStart ?? s.start))} (from ${formatClock(new Date(s.failStart ?? s.start))} UTC${s.failIps.length > 0 ? `, from ${s.failIps.slice(0, 3).join(", ")}${s.failIps.length > 3 ? "…" : ""}` : ""}); ${usual}${success}`,
    details: { failedLogins: s.fails, threshold: alert.threshold, usualMaxPerSession: alert.usual, baselineSessions: alert.sessions, ips: s.failIps, successFrom: alert.success ?? null },
    activitySeqs: seqs,
    first: s.failStart ?? s.start,
    last: s.last,
  });
};
