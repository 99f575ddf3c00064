import { adminMfaRecommendation, exemptionsRecommendation, mfaRecommendation, passwordRecommendation, sessionTimeoutRecommendation } from "./checks/authentication";
import { adminCountRecommendation, apiKeyRecommendation, domainsRecommendation, inactiveUsersRecommendation } from "./checks/hygiene";
import { appDataProtectionRecommendation, mobileSecurityRecommendation } from "./checks/mobile";
import type { TRecommendationDefinition } from "./types";

/** Every recommendation, in display order: the five of Microsoft Secure Score first, then our own. */
export const RECOMMENDATIONS: readonly TRecommendationDefinition[] = [
  mfaRecommendation,
  sessionTimeoutRecommendation,
  passwordRecommendation,
  mobileSecurityRecommendation,
  appDataProtectionRecommendation,
  apiKeyRecommendation,
  adminCountRecommendation,
  adminMfaRecommendation,
  inactiveUsersRecommendation,
  domainsRecommendation,
  exemptionsRecommendation,
];

export const RECOMMENDATION_KEYS = RECOMMENDATIONS.map((r) => r.key);

const BY_KEY = new Map(RECOMMENDATIONS.map((r) => [r.key, r]));
export const findRecommendation = (key: string): TRecommendationDefinition | undefined => BY_KEY.get(key);

/** Alert severity of a regression follows the recommendation's weight. */
export const severityOf = (points: number): "low" | "medium" | "high" => (points >= 10 ? "high" : points >= 5 ? "medium" : "low");
