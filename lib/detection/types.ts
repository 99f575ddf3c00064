/**
 * The contract between the activity store and the detectors: what a detector sees of an activity, and
 * what it proposes as an alert. Detectors are pure: the time and the state come in, candidates go out.
 */
export type TDetectionActivity = Readonly<{
  /** activities.seq: the activity's `id` in the API. */
  seq: bigint;
  connectorId: string;
  eventId: string;
  eventTime: Date;
  action: string;
  actionGroup: string | null;
  product: string;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  onBehalfOfId: string | null;
  authType: string | null;
  isSystem: boolean;
  isAdminAction: boolean;
  isImpersonation: boolean;
  ip: string | null;
  country: string | null;
  countryCode: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  ipCategory: string | null;
  ipTags: readonly string[];
  targetName: string | null;
  searchText: string;
  /** When the activity was stored (activities.stored_at); custom policies alert only on activities stored after they were created. */
  storedAt?: Date;
  /** Session proxy (issue 22): blocked or audited when a session policy matched the request; null or absent otherwise. */
  sessionOutcome?: string | null;
}>;

export type TAlertUser = Readonly<{ accountId: string | null; email: string | null; name: string | null }>;

/** A proposed alert. The same episodeKey again updates that alert (more activities, later end) instead of adding one. */
export type TAlertCandidate = Readonly<{
  /** Built-in key or "custom:<policy id>". */
  policyKey: string;
  episodeKey: string;
  severity: "low" | "medium" | "high";
  connectorId: string;
  user: TAlertUser;
  title: string;
  /** A sentence a person can check, e.g. "London 09:02 → Sydney 09:47: 16,990 km in 45 min (22,650 km/h)". */
  explanation: string;
  details: Readonly<Record<string, unknown>>;
  activitySeqs: readonly bigint[];
  firstActivityAt: Date;
  lastActivityAt: Date;
}>;
