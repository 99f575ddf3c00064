import type { TRuntimePolicy } from "./policy-config";
import type { TAlertCandidate, TAlertUser, TDetectionActivity } from "./types";

export const userOf = (a: TDetectionActivity): TAlertUser => ({ accountId: a.actorId, email: a.actorEmail, name: a.actorName });

type TCandidateParts = Pick<TAlertCandidate, "episodeKey" | "title" | "explanation" | "details" | "activitySeqs"> &
  Readonly<{
    /** Epoch ms of the episode's first and last activity. */
    first: number;
    last: number;
    /** The alert's user when it is not the activity's actor (a custom policy counting across users has none). */
    user?: TAlertUser;
  }>;

/** An alert of `policy` raised at activity `a`: what every policy's alert takes from the two, plus its own parts. */
export const alertCandidate = (policy: TRuntimePolicy, a: TDetectionActivity, { first, last, user, ...parts }: TCandidateParts): TAlertCandidate => ({
  policyKey: policy.key,
  severity: policy.severity,
  connectorId: a.connectorId,
  user: user ?? userOf(a),
  ...parts,
  firstActivityAt: new Date(first),
  lastActivityAt: new Date(last),
});
