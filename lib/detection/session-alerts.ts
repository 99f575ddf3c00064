import { sessionAlertKey } from "../shared/schemas/session-alerts";
import type { TSessionPolicyAlert } from "../shared/schemas/session-policies";
import { userOf } from "./candidate";
import { sessionAlertDetails, sessionAlertExplanation, sessionAlertTitle, sessionNoticeReason, type TSessionAlertPolicyRef } from "./session-alert-text";
import { isAnonymousMatch, type TSessionMatch } from "./session-request";
import type { TAlertCandidate } from "./types";

/** What planning needs of a stored session policy (looked up by id; a deleted one is simply absent). */
export type TSessionAlertPolicy = Readonly<{ id: string; name: string; actionKind: "block" | "audit"; alert: TSessionPolicyAlert | null; notifyUser: boolean }>;

export type TSessionAlert = Readonly<{ candidate: TAlertCandidate; policyName: string }>;

/** Matches of one policy on one UTC day that raised no alert: its maxPerDay alerts of that day were raised already. */
export type TSuppressedAlerts = Readonly<{ policyKey: string; policyName: string; day: string; maxPerDay: number; count: number }>;

/** An email to the user whose request matched a notifyUser policy (the notify_user governance action). */
export type TSessionNotice = Readonly<{
  policyKey: string;
  policyName: string;
  connectorId: string;
  accountId: string;
  email: string;
  name: string | null;
  eventId: string;
  /** The notice's "what we saw", in the user's terms. */
  reason: string;
}>;

export type TSessionAlertPlan = { alerts: TSessionAlert[]; suppressed: TSuppressedAlerts[]; notices: TSessionNotice[] };

/** No notice for requests older than this (a backlog after downtime must not email people about yesterday). */
export const NOTICE_MAX_AGE_MS = 24 * 3_600_000;

export const utcDayOf = (date: Date): string => date.toISOString().slice(0, 10);
export const dayCapKey = (policyKey: string, day: string): string => `${policyKey}|${day}`;
export const noticeKey = (policyKey: string, accountId: string): string => `${policyKey}|${accountId}`;

/** One alert per request, whatever policy raises it: the request's event id (unique per connector). */
export const sessionEpisodeKey = (m: TSessionMatch): string => `session:${m.activity.connectorId}:${m.activity.eventId}`;

const refOf = (p: TSessionAlertPolicy): TSessionAlertPolicyRef => ({ id: p.id, name: p.name, action: p.actionKind });

/**
 * The policies that may raise the request's alert, in preference order: the one that blocked it, then the others in
 * evaluation order. Only existing policies with an alert set.
 */
export const alertingPoliciesOf = (m: TSessionMatch, policies: ReadonlyMap<string, TSessionAlertPolicy>): TSessionAlertPolicy[] => {
  const ids = m.request.blockedBy && m.policyIds.includes(m.request.blockedBy) ? [m.request.blockedBy, ...m.policyIds.filter((id) => id !== m.request.blockedBy)] : m.policyIds;
  return ids.flatMap((id) => {
    const p = policies.get(id);
    return p?.alert ? [p] : [];
  });
};

/** The (policy, UTC day) pairs whose alerts so far the plan needs: read (and locked) before planning. */
export const dayCapKeysOf = (matches: readonly TSessionMatch[], policies: ReadonlyMap<string, TSessionAlertPolicy>) => {
  const keys = new Map<string, { policyKey: string; day: string }>();
  for (const m of matches) {
    const day = utcDayOf(m.activity.eventTime);
    for (const p of alertingPoliciesOf(m, policies)) keys.set(dayCapKey(sessionAlertKey(p.id), day), { policyKey: sessionAlertKey(p.id), day });
  }
  return [...keys.values()];
};

/** The (policy, account) pairs that could get a notice: the caller says which had one within the hour. */
export const noticeCandidatesOf = (matches: readonly TSessionMatch[], policies: ReadonlyMap<string, TSessionAlertPolicy>, now: Date) => {
  const pairs = new Map<string, { policyKey: string; accountId: string }>();
  for (const m of matches) {
    if (isAnonymousMatch(m) || !m.activity.actorEmail || now.getTime() - m.activity.eventTime.getTime() > NOTICE_MAX_AGE_MS) continue;
    for (const id of m.policyIds) {
      if (policies.get(id)?.notifyUser) pairs.set(noticeKey(sessionAlertKey(id), m.activity.actorId), { policyKey: sessionAlertKey(id), accountId: m.activity.actorId });
    }
  }
  return [...pairs.values()];
};

export type TSessionAlertInput = Readonly<{
  /** One connector's matched requests, in seq order (the detection cursor's). */
  matches: readonly TSessionMatch[];
  policies: ReadonlyMap<string, TSessionAlertPolicy>;
  /** Alerts already raised per dayCapKey (policy key, UTC day of the request). */
  alertsOnDay: ReadonlyMap<string, number>;
  /** noticeKeys (policy key, account) that got a notice within the last hour. */
  recentNotices: ReadonlySet<string>;
  now: Date;
}>;

/**
 * Session-policy alerts and user notices for a batch of matched requests. Pure: the same requests, policies and
 * counts give the same plan. Per request one alert, from the first of its alerting policies (alertingPoliciesOf)
 * whose alerts on the request's UTC day are below maxPerDay; when all are used up the request counts as suppressed
 * for the first one. Notices: one per notifyUser policy and signed-in user with an email, at most one per hour.
 */
export const planSessionAlerts = ({ matches, policies, alertsOnDay, recentNotices, now }: TSessionAlertInput): TSessionAlertPlan => {
  const raised = new Map(alertsOnDay);
  const suppressed = new Map<string, TSuppressedAlerts>();
  const noticed = new Set(recentNotices);
  const plan: TSessionAlertPlan = { alerts: [], suppressed: [], notices: [] };
  for (const m of matches) {
    const day = utcDayOf(m.activity.eventTime);
    const alerting = alertingPoliciesOf(m, policies);
    const first = alerting[0];
    const chosen = alerting.find((p) => (raised.get(dayCapKey(sessionAlertKey(p.id), day)) ?? 0) < (p.alert?.maxPerDay ?? 0));
    if (chosen?.alert) {
      const key = dayCapKey(sessionAlertKey(chosen.id), day);
      raised.set(key, (raised.get(key) ?? 0) + 1);
      plan.alerts.push({ candidate: candidateOf(m, chosen, sessionEpisodeKey(m), chosen.alert), policyName: chosen.name });
    } else if (first?.alert) {
      const key = dayCapKey(sessionAlertKey(first.id), day);
      const known = suppressed.get(key);
      suppressed.set(key, { policyKey: sessionAlertKey(first.id), policyName: first.name, day, maxPerDay: first.alert.maxPerDay, count: (known?.count ?? 0) + 1 });
    }
    plan.notices.push(...noticesOf(m, policies, noticed, now));
  }
  plan.suppressed = [...suppressed.values()];
  return plan;
};

const candidateOf = (m: TSessionMatch, policy: TSessionAlertPolicy, episodeKey: string, alert: TSessionPolicyAlert): TAlertCandidate => {
  const ref = refOf(policy);
  const anonymous = isAnonymousMatch(m);
  return {
    policyKey: sessionAlertKey(policy.id),
    episodeKey,
    severity: alert.severity,
    connectorId: m.activity.connectorId,
    user: anonymous ? { accountId: null, email: null, name: null } : userOf(m.activity),
    title: sessionAlertTitle(m, ref),
    explanation: sessionAlertExplanation(m, ref),
    details: sessionAlertDetails(m, ref),
    activitySeqs: [m.activity.seq],
    firstActivityAt: m.activity.eventTime,
    lastActivityAt: m.activity.eventTime,
  };
};

/** The request's notices; marks each (policy, user) as noticed so that the rest of the batch sends no second one. */
const noticesOf = (m: TSessionMatch, policies: ReadonlyMap<string, TSessionAlertPolicy>, noticed: Set<string>, now: Date): TSessionNotice[] => {
  const email = m.activity.actorEmail;
  if (isAnonymousMatch(m) || !email || now.getTime() - m.activity.eventTime.getTime() > NOTICE_MAX_AGE_MS) return [];
  const notices: TSessionNotice[] = [];
  for (const id of m.policyIds) {
    const policy = policies.get(id);
    const key = noticeKey(sessionAlertKey(id), m.activity.actorId);
    if (!policy?.notifyUser || noticed.has(key)) continue;
    noticed.add(key);
    notices.push({
      policyKey: sessionAlertKey(id),
      policyName: policy.name,
      connectorId: m.activity.connectorId,
      accountId: m.activity.actorId,
      email,
      name: m.activity.actorName,
      eventId: m.activity.eventId,
      reason: sessionNoticeReason(m, refOf(policy)),
    });
  }
  return notices;
};
