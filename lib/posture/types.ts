/**
 * Plain data the posture engine works on. Nothing here knows about Prisma or HTTP: the service layer maps
 * synced rows (org_policies, atlassian_users, org_domains, the connector's API key) into a TPostureInput.
 */

import type { TPostureCategoryDto, TRecommendationStateDto, TRecommendationStatusDto } from "../shared/schemas/posture";

export type TPostureCategory = TPostureCategoryDto;

export type TPolicyInput = Readonly<{ policyId: string; type: string; name: string | null; status: string | null; rule: unknown }>;

export type TUserInput = Readonly<{
  accountId: string;
  name: string | null;
  email: string | null;
  /** active, suspended or deactivated (as synced). */
  status: string;
  isAdmin: boolean;
  lastActiveAt: Date | null;
  /** Has access to at least one product (product_access of the v1 managed account). */
  hasProductAccess: boolean;
}>;

export type TDomainInput = Readonly<{ name: string; status: string }>;
export type TApiKeyInput = Readonly<{ id: string; label: string; createdAt: Date | null; expiresAt: Date | null }>;

export type TPostureInput = Readonly<{
  now: Date;
  policies: readonly TPolicyInput[];
  users: readonly TUserInput[];
  domains: readonly TDomainInput[];
  apiKeys: readonly TApiKeyInput[];
}>;

export type TAffectedPolicy = Readonly<{ id: string; name: string }>;
export type TAffectedUser = Readonly<{ accountId: string; name: string | null; email: string | null }>;
/** Anything else a recommendation points at: a domain, an API key, a missing policy. */
export type TAffectedItem = Readonly<{ id: string; label: string }>;
export type TAffected = Readonly<{ policies: TAffectedPolicy[]; users: TAffectedUser[]; items: TAffectedItem[] }>;

/** What one check finds: the share of the control in place (0..1), or null when the data is not available. */
export type TCheckResult = Readonly<{ fraction: number | null; summary: string; affected: TAffected }>;

export type TRecommendationDefinition = Readonly<{
  key: string;
  title: string;
  category: TPostureCategory;
  whyItMatters: string;
  /** Points possible (Secure Score weights 1–10). */
  points: number;
  /** Org audit-log actions that change the setting behind this recommendation (for drift). */
  settingActions: readonly string[];
  howToFix: readonly string[];
  /** How the partial fraction is counted, shown next to it. */
  criterion: string;
  evaluate: (input: TPostureInput) => TCheckResult;
}>;

export type TRecommendationStatus = TRecommendationStatusDto;
export type TRecommendationState = TRecommendationStateDto;

export type TOverride = Readonly<{ key: string; state: TRecommendationState; reason: string; setBy: string | null; setAt: Date }>;

/** One recommendation's result as stored in posture_evaluations.results. */
export type TRecommendationResult = Readonly<{
  key: string;
  status: TRecommendationStatus;
  /** Share in place, 0..1 (null when unknown). */
  fraction: number | null;
  summary: string;
  pointsEarned: number;
  pointsPossible: number;
  /** Whether it counts in the score: not when overridden or unknown. */
  isScored: boolean;
  state: TRecommendationState;
  affected: TAffected;
}>;

export type TEvaluation = Readonly<{ score: number; pointsEarned: number; pointsPossible: number; results: TRecommendationResult[] }>;

/** A recommendation that was met at the previous evaluation and no longer is. */
export type TRegression = Readonly<{ key: string; previousStatus: TRecommendationStatus; status: TRecommendationStatus; previousAt: Date }>;
