import { dayCapKey, dayCapKeysOf, noticeCandidatesOf, noticeKey, planSessionAlerts, type TSessionAlertPolicy } from "../../../detection/session-alerts";
import { readSessionRequest, type TSessionMatch } from "../../../detection/session-request";
import type { TDetectionActivity } from "../../../detection/types";
import { SESSION_OUTCOMES, type TSessionOutcome } from "../../../shared/schemas/session-policies";
import type { TAlertWrite } from "../../repositories/alert-repository";
import type { TSessionAlertTx } from "../../repositories/session-alert-repository";

/** A policy whose alerts of a UTC day ran out in this batch (logged once: the first batch to suppress any). */
export type TCapReached = Readonly<{ policyKey: string; policyName: string; day: string; maxPerDay: number }>;

export type TSessionAlertWork = Readonly<{
  /** Upserted with the detection alerts of the batch. */
  alerts: TAlertWrite[];
  /** After the upsert, in the same transaction: the suppressed counts and the user notices. */
  finish: () => Promise<{ noticesQueued: number; suppressed: number; capsReached: TCapReached[] }>;
}>;

const NOTHING: TSessionAlertWork = { alerts: [], finish: () => Promise.resolve({ noticesQueued: 0, suppressed: 0, capsReached: [] }) };

const isOutcome = (value: string): value is TSessionOutcome => (SESSION_OUTCOMES as readonly string[]).includes(value);

/**
 * The session-policy part of a detection batch (issue 22): the batch's requests a session policy matched become
 * alerts (one per request, at most maxPerDay per policy and UTC day) and notify_user actions (notifyUser policies, at
 * most one per policy and user per hour). Runs inside the detection transaction, so all of it commits with the
 * cursor's move: a restart neither loses nor repeats an alert or a notice.
 */
export const planSessionAlertWork = async (tx: TSessionAlertTx, activities: readonly TDetectionActivity[], now: Date): Promise<TSessionAlertWork> => {
  const matched = activities.filter((a) => a.sessionOutcome);
  if (matched.length === 0) return NOTHING;
  const rows = await tx.readMatches(matched.map((a) => a.seq));
  const bySeq = new Map(matched.map((a) => [a.seq, a]));
  const matches: TSessionMatch[] = rows.flatMap((r) => {
    const activity = bySeq.get(r.seq);
    return activity && isOutcome(r.outcome) && r.policyIds.length > 0
      ? [{ activity, outcome: r.outcome, policyIds: r.policyIds, siteName: r.siteName, request: readSessionRequest(r.raw) }]
      : [];
  });
  if (matches.length === 0) return NOTHING;
  const stored = await tx.findPolicies([...new Set(matches.flatMap((m) => m.policyIds))]);
  const policies = new Map<string, TSessionAlertPolicy>(
    stored.map((p) => [p.id, { id: p.id, name: p.name, actionKind: p.action.kind, alert: p.alert, notifyUser: p.notifyUser }]),
  );
  // One after the other: both run on the transaction's one connection.
  const counts = await tx.lockAndCountAlerts(dayCapKeysOf(matches, policies));
  const noticed = await tx.recentNotices(noticeCandidatesOf(matches, policies, now));
  const plan = planSessionAlerts({
    matches,
    policies,
    alertsOnDay: new Map(counts.map((c) => [dayCapKey(c.policyKey, c.day), c.count])),
    recentNotices: new Set(noticed.map((n) => noticeKey(n.policyKey ?? "", n.accountId))),
    now,
  });
  const alerts: TAlertWrite[] = plan.alerts.map(({ candidate, policyName }) => ({ ...candidate, policyId: null, policyName }));
  return {
    alerts,
    finish: async () => {
      const totals = await tx.recordSuppressed(plan.suppressed);
      const capsReached = plan.suppressed.flatMap((s) =>
        totals.some((t) => t.policyKey === s.policyKey && t.day === s.day && t.total === s.count)
          ? [{ policyKey: s.policyKey, policyName: s.policyName, day: s.day, maxPerDay: s.maxPerDay }]
          : [],
      );
      const noticesQueued = await tx.queueNotices(plan.notices);
      return { noticesQueued, suppressed: plan.suppressed.reduce((n, s) => n + s.count, 0), capsReached };
    },
  };
};
