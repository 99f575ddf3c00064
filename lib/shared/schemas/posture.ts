import { z } from "zod";

/** Posture (Secure-Score-style recommendations, issue 8): request and response contracts. */
export const RECOMMENDATION_STATUSES = ["met", "partially_met", "not_met", "unknown"] as const;
export type TRecommendationStatusDto = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_STATES = ["active", "risk_accepted", "resolved_alternative"] as const;
export type TRecommendationStateDto = (typeof RECOMMENDATION_STATES)[number];
export const POSTURE_CATEGORIES = ["identity", "sessions", "devices", "data", "admins", "hygiene"] as const;
export type TPostureCategoryDto = (typeof POSTURE_CATEGORIES)[number];

export const STATUS_LABELS: Record<TRecommendationStatusDto, string> = { met: "Met", partially_met: "Partially met", not_met: "Not met", unknown: "Unknown" };
export const STATE_LABELS: Record<TRecommendationStateDto, string> = { active: "To address", risk_accepted: "Risk accepted", resolved_alternative: "Resolved through an alternative" };
export const CATEGORY_LABELS: Record<TPostureCategoryDto, string> = {
  identity: "Identity and authentication",
  sessions: "Sessions",
  devices: "Mobile devices",
  data: "Data protection",
  admins: "Administrators",
  hygiene: "Account and key hygiene",
};

const ZConnectorId = z.uuid({ error: "connectorId must be a connector id (UUID)" });
export const ZPostureQuery = z.object({ connectorId: ZConnectorId });
export type TPostureQuery = z.infer<typeof ZPostureQuery>;

export const ZRecommendationKeyParams = z.object({ key: z.string().min(1).max(100) });

export const ZSetRecommendationStateInput = z
  .object({
    connectorId: ZConnectorId,
    state: z.enum(RECOMMENDATION_STATES, { error: "state must be active, risk_accepted or resolved_alternative" }),
    reason: z.string({ error: "reason is required" }).trim().max(1000, "reason must be at most 1000 characters").default(""),
  })
  .refine((v) => v.state === "active" || v.reason.length >= 3, { path: ["reason"], error: "Give a reason (at least 3 characters)" });
export type TSetRecommendationStateInput = z.input<typeof ZSetRecommendationStateInput>;

export const ZRefreshPostureInput = z.object({ connectorId: ZConnectorId });

const ZAffected = z.object({
  policies: z.array(z.object({ id: z.string(), name: z.string() })),
  users: z.array(z.object({ accountId: z.string(), name: z.string().nullable(), email: z.string().nullable() })),
  items: z.array(z.object({ id: z.string(), label: z.string() })),
});

/** An org audit event that changed the setting behind a regression, with the admin who did it. */
export const ZDriftEvent = z.object({
  activityId: z.string(),
  action: z.string(),
  actionName: z.string().nullable(),
  at: z.string(),
  actor: z.object({ accountId: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
});
export const ZDrift = z.object({
  detectedAt: z.string(),
  /** The last evaluation at which it was met: audit events are looked up from shortly before it. */
  since: z.string(),
  previousStatus: z.enum(RECOMMENDATION_STATUSES),
  status: z.enum(RECOMMENDATION_STATUSES),
  evaluationId: z.string(),
  alertId: z.string().nullable(),
  events: z.array(ZDriftEvent),
});
export type TDriftDto = z.infer<typeof ZDrift>;

export const ZRecommendationDto = z.object({
  key: z.string(),
  title: z.string(),
  category: z.enum(POSTURE_CATEGORIES),
  whyItMatters: z.string(),
  criterion: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  fraction: z.number().nullable(),
  summary: z.string(),
  pointsEarned: z.number(),
  pointsPossible: z.number(),
  /** Points of the recommendation, also when it is out of the score. */
  points: z.number(),
  isScored: z.boolean(),
  affected: ZAffected,
  howToFix: z.array(z.string()),
  state: z.enum(RECOMMENDATION_STATES),
  override: z.object({ reason: z.string(), setBy: z.string().nullable(), setAt: z.string() }).nullable(),
  /** The latest met → not met change still in effect, with the audit events behind it. */
  drift: ZDrift.nullable(),
  /** null until the org's directory and policies were synced once. */
  evaluatedAt: z.string().nullable(),
});
export type TRecommendationDto = z.infer<typeof ZRecommendationDto>;
export const ZRecommendationList = z.array(ZRecommendationDto);

export const ZSecureScoreDto = z.object({
  connectorId: z.string(),
  score: z.number().nullable(),
  pointsEarned: z.number(),
  pointsPossible: z.number(),
  evaluatedAt: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), score: z.number() })),
  /** Refresh progress: syncing (policies being re-read), evaluating, or idle. */
  refresh: z.object({ phase: z.enum(["syncing", "evaluating", "idle"]), directorySyncedAt: z.string().nullable() }),
});
export type TSecureScoreDto = z.infer<typeof ZSecureScoreDto>;

export const ZRefreshPostureResult = z.object({ connectorId: z.string(), phase: z.enum(["syncing", "evaluating", "idle"]), evaluatedAt: z.string().nullable() });
