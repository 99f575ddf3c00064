import type { TRuntimePolicy } from "../policy-config";
import type { TOrgState, TSession, TUserState } from "../profile-state";
import type { TAlertCandidate, TDetectionActivity } from "../types";

/** What a built-in detector sees for one activity. `policy` is null when it must learn but not alert. */
export type TDetectorInput = Readonly<{
  a: TDetectionActivity;
  t: number;
  user: TUserState;
  org: TOrgState;
  policy: TRuntimePolicy | null;
  isLearned: boolean;
}>;

export type TDetector = (input: TDetectorInput) => TAlertCandidate | null;

/** One alert per policy, user and session: the episode of the session-scoped detectors. */
export const sessionEpisodeKey = (policy: TRuntimePolicy, a: TDetectionActivity, session: TSession): string =>
  `${policy.key}:${a.connectorId}:${a.actorId}:${session.start}`;

export const whoOf = (a: TDetectionActivity): string => a.actorEmail ?? a.actorName ?? a.actorId;

export const isFailedLogin = (a: TDetectionActivity): boolean => a.action === "user_login_failed";

const NON_INTERACTIVE_AUTH = /token|key|oauth|app/i;

/** Done through an API token or key (actor.auth), not by a person signed in. */
export const isNonInteractive = (a: TDetectionActivity): boolean => a.authType !== null && NON_INTERACTIVE_AUTH.test(a.authType);

/**
 * Travel, country and IP policies look only at successful interactive activity (Defender): no failed
 * logins, no system activity, nothing done through an API token or key.
 */
export const isInteractiveSuccess = (a: TDetectionActivity): boolean => !a.isSystem && !isFailedLogin(a) && !isNonInteractive(a);

export const SAFE_CATEGORIES: ReadonlySet<string> = new Set(["corporate", "vpn"]);
export const ANONYMOUS_TAGS: readonly string[] = ["tor", "anonymous_proxy"];
export const SUSPICIOUS_TAGS: readonly string[] = ["botnet", "malware_c2", "password_spray", "brute_force", "scanner", "spam"];

