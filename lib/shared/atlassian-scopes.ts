/**
 * Atlassian organization API keys "with scopes" and what Watchpost can do with each. A classic (unscoped) key
 * has them all. Scope names: `read:events:admin` and `read:domains:admin` are Atlassian's (atlassian-api.md
 * §1.1); the others follow the same pattern and are our choice [S] until confirmed against Atlassian's docs.
 */
export const ATLASSIAN_SCOPES = [
  "read:events:admin",
  "read:directories:admin",
  "read:domains:admin",
  "read:policies:admin",
  "write:directories:admin",
  "write:users:admin",
  "read:workspaces:admin",
] as const;
export type TAtlassianScope = (typeof ATLASSIAN_SCOPES)[number];

export const CONNECTOR_FEATURES = ["activity", "directory", "posture", "suspend", "revoke_tokens", "sites"] as const;
export type TConnectorFeature = (typeof CONNECTOR_FEATURES)[number];

export type TFeatureScopes = Readonly<{
  label: string;
  /** Every scope the feature needs. */
  scopes: readonly TAtlassianScope[];
  /** Connect refuses a key without it: Watchpost has nothing to show without the feature. */
  isRequired: boolean;
}>;

export const FEATURE_SCOPES: Readonly<Record<TConnectorFeature, TFeatureScopes>> = {
  activity: { label: "Activity log and detection", scopes: ["read:events:admin"], isRequired: true },
  // Activities are kept only for actors on verified domains or managed accounts: without the directory,
  // every activity would be dropped, so the directory is as required as the events.
  directory: { label: "Atlassian users and verified domains", scopes: ["read:directories:admin", "read:domains:admin"], isRequired: true },
  posture: { label: "Security posture (policies)", scopes: ["read:policies:admin"], isRequired: false },
  suspend: { label: "Governance: suspend and unsuspend users", scopes: ["write:directories:admin"], isRequired: false },
  revoke_tokens: { label: "Governance: require sign-in again (revoke API tokens)", scopes: ["write:users:admin"], isRequired: false },
  sites: { label: "Atlassian sites (session proxy)", scopes: ["read:workspaces:admin"], isRequired: false },
};

/** Governance action → the feature its Atlassian calls need (notify_user calls nothing in Atlassian). */
export const GOVERNANCE_ACTION_FEATURE: Readonly<Record<string, TConnectorFeature | undefined>> = {
  suspend_user: "suspend",
  unsuspend_user: "suspend",
  require_sign_in: "revoke_tokens",
};

export type TFeatureAvailability = Readonly<{ feature: TConnectorFeature; label: string; isAvailable: boolean; scopes: readonly TAtlassianScope[]; missingScopes: TAtlassianScope[] }>;

/** Each feature with the scopes it lacks, given the scopes a key was found to lack (none for a classic key). */
export const featureAvailability = (missingScopes: readonly string[]): TFeatureAvailability[] =>
  CONNECTOR_FEATURES.map((feature) => {
    const { label, scopes } = FEATURE_SCOPES[feature];
    const missing = scopes.filter((scope) => missingScopes.includes(scope));
    return { feature, label, isAvailable: missing.length === 0, scopes, missingScopes: missing };
  });

/** The scopes a feature lacks on a key ([] = available). */
export const missingScopesOf = (feature: TConnectorFeature, missingScopes: readonly string[]): TAtlassianScope[] =>
  FEATURE_SCOPES[feature].scopes.filter((scope) => missingScopes.includes(scope));

/** Why a governance action cannot run with this key, or null when it can. */
export const governanceBlockReason = (action: string, missingScopes: readonly string[]): string | null => {
  const feature = GOVERNANCE_ACTION_FEATURE[action];
  if (!feature) return null;
  const missing = missingScopesOf(feature, missingScopes);
  return missing.length === 0 ? null : `The connector's API key lacks the scope ${missing.join(", ")}: create a key with it and rotate the key`;
};

/** The required features a key lacks, as one sentence for the connect and rotate forms; null when none. */
export const requiredScopesError = (missingScopes: readonly string[]): string | null => {
  const lacking = featureAvailability(missingScopes).filter((f) => FEATURE_SCOPES[f.feature].isRequired && !f.isAvailable);
  if (lacking.length === 0) return null;
  const scopes = lacking.flatMap((f) => f.missingScopes);
  return `The API key lacks the scope${scopes.length > 1 ? "s" : ""} ${scopes.join(", ")} (needed for ${lacking.map((f) => f.label.toLowerCase()).join(" and ")}): create a key with ${scopes.length > 1 ? "them" : "it"}, or one without scopes`;
};
