import type { TBuiltinPolicyKey } from "../shared/schemas/policies";
import { evaluateCustomPolicy, pruneCustomWindows } from "./custom/evaluate-custom";
import type { TDetectorInput } from "./detectors/context";
import { detectInfrequentCountry } from "./detectors/country";
import { detectFailedLogins } from "./detectors/failed-logins";
import { detectRiskyIp, recordRiskyIp } from "./detectors/risky-ip";
import { sessionFor } from "./detectors/session";
import { detectTravel } from "./detectors/travel";
import { detectUnusualAdmin } from "./detectors/unusual-admin";
import { detectUnusualImpersonation } from "./detectors/unusual-impersonation";
import type { TDirectoryLookup, TRuntimePolicy } from "./policy-config";
import { LEARNING_MS, ORG_ACTOR, pruneOrgState, pruneUserState, readOrgState, readUserState, type TOrgState, type TSession, type TUserState } from "./profile-state";
import { isInScope } from "./scope";
import type { TAlertCandidate, TDetectionActivity } from "./types";

export type TEngineInput = Readonly<{
  /** Activities of one connector, in any order (they are evaluated by event time, then seq). */
  activities: readonly TDetectionActivity[];
  policies: readonly TRuntimePolicy[];
  directory: TDirectoryLookup;
  /** Stored states by actor id (ORG_ACTOR for the organization) as loaded; a missing one starts fresh. */
  states: ReadonlyMap<string, unknown>;
  /** Live pipeline (custom policies only see activities stored after they were created). */
  isLive: boolean;
}>;

export type TEngineOutput = { candidates: TAlertCandidate[]; states: Map<string, TUserState | TOrgState> };

type TSessionDetector = (input: TDetectorInput, session: TSession) => TAlertCandidate | null;

const DETECTORS: readonly (readonly [TBuiltinPolicyKey, TSessionDetector])[] = [
  ["impossible_travel", detectTravel],
  ["infrequent_country", detectInfrequentCountry],
  ["anonymous_ip", (i) => detectRiskyIp("anonymous_ip", i)],
  ["suspicious_ip", (i) => detectRiskyIp("suspicious_ip", i)],
  ["failed_logins", detectFailedLogins],
  ["unusual_admin", detectUnusualAdmin],
  ["unusual_impersonation", detectUnusualImpersonation],
];

const byEventTime = (a: TDetectionActivity, b: TDetectionActivity) => a.eventTime.getTime() - b.eventTime.getTime() || (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0);

/**
 * Runs every policy over a batch of one connector's activities, from and into the per-user states. Pure
 * (no clock, no I/O): the same activities and states give the same candidates and states, which is what
 * makes reprocessing idempotent and a backfill equal to live processing.
 */
export const runDetection = (input: TEngineInput): TEngineOutput => {
  const activities = [...input.activities].sort(byEventTime);
  const candidates: TAlertCandidate[] = [];
  const first = activities[0];
  if (!first) return { candidates, states: new Map() };
  let org = readOrgState(input.states.get(ORG_ACTOR), first.eventTime.getTime());
  const users = new Map<string, TUserState>();
  const builtin = new Map<TBuiltinPolicyKey, TRuntimePolicy>();
  for (const p of input.policies) if (p.builtinKey && p.enabled) builtin.set(p.builtinKey, p);
  const directory = input.directory;
  const policyFor = (key: TBuiltinPolicyKey, a: TDetectionActivity): TRuntimePolicy | null => {
    const policy = builtin.get(key);
    return policy && isInScope(a, policy.scope, directory) ? policy : null;
  };
  let newest = first.eventTime.getTime();

  for (const a of activities) {
    const t = a.eventTime.getTime();
    newest = Math.max(newest, t);
    org.first = Math.min(org.first, t);
    if (a.isSystem) continue;
    let user = users.get(a.actorId);
    if (!user) {
      user = readUserState(input.states.get(a.actorId), t);
      users.set(a.actorId, user);
    }
    user.first = Math.min(user.first, t);
    user.last = Math.max(user.last, t);
    const session = sessionFor(user, t);
    // One mutable detector input per activity (no per-detector copies: this loop runs for every activity).
    const detectorInput: { -readonly [K in keyof TDetectorInput]: TDetectorInput[K] } = { a, t, user, org, isLearned: t - user.first >= LEARNING_MS, policy: null };
    for (const [key, detect] of DETECTORS) {
      detectorInput.policy = policyFor(key, a);
      const candidate = detect(detectorInput, session);
      if (candidate) candidates.push(candidate);
    }
    recordRiskyIp(detectorInput);
  }

  for (const policy of input.policies) {
    if (policy.builtinKey || !policy.enabled || !policy.trigger) continue;
    const windows = (org.custom[policy.id] ??= {});
    candidates.push(...evaluateCustomPolicy(policy, activities, windows, { directory: input.directory, isLive: input.isLive }));
    if (policy.trigger.kind === "repeated") pruneCustomWindows(windows, policy.trigger.windowMinutes * 60_000, newest);
    else delete org.custom[policy.id];
  }
  org = pruneOrgState(org, newest);
  const states = new Map<string, TUserState | TOrgState>([[ORG_ACTOR, org]]);
  for (const [actorId, user] of users) states.set(actorId, pruneUserState(user));
  return { candidates, states };
};
