import type { TRole } from "../../../../shared/roles";
import type { TRoleMapping } from "../../../../shared/schemas/sso";

const MAX_GROUPS = 1_000;

/**
 * The group values of the claim named `claim`: an array of strings or one string. A dotted name is a path when no
 * claim has that exact name (Keycloak's realm_access.roles). Anything else counts as no groups.
 */
export const groupsOf = (claims: Readonly<Record<string, unknown>>, claim: string): string[] => {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string").slice(0, MAX_GROUPS);
};

export type TRoleDecision = Readonly<{ role: TRole; matchedGroup: string | null } | { role: null; matchedGroup: null }>;

/** Ordered mapping: the first mapping whose group the user has decides; none → the default role (null refuses). */
export const decideRole = (options: Readonly<{ groups: readonly string[]; mappings: readonly TRoleMapping[]; defaultRole: TRole | null }>): TRoleDecision => {
  const groups = new Set(options.groups);
  const match = options.mappings.find((m) => groups.has(m.group));
  if (match) return { role: match.role, matchedGroup: match.group };
  return options.defaultRole ? { role: options.defaultRole, matchedGroup: null } : { role: null, matchedGroup: null };
};
