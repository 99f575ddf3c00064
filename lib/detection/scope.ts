import type { TPolicyScope } from "../shared/schemas/policies";
import type { TDirectoryLookup } from "./policy-config";

type TWho = Readonly<{ connectorId: string; actorId: string; actorEmail: string | null }>;

const lower = (values: readonly string[]) => values.map((v) => v.trim().toLowerCase());

/** Account id or email (case-insensitive) in the list. */
export const isUserListed = (who: TWho, users: readonly string[]): boolean => {
  if (users.length === 0) return false;
  const listed = lower(users);
  return listed.includes(who.actorId.toLowerCase()) || (who.actorEmail !== null && listed.includes(who.actorEmail.toLowerCase()));
};

export const isInGroups = (who: TWho, groups: readonly string[], directory: TDirectoryLookup): boolean => {
  if (groups.length === 0) return false;
  const wanted = lower(groups);
  return directory.groupsOf(who.connectorId, who.actorId).some((g) => wanted.includes(g.toLowerCase()));
};

/** Include lists (users OR groups) narrow the policy when set; exclude lists always win. */
export const isInScope = (who: TWho, scope: TPolicyScope, directory: TDirectoryLookup): boolean => {
  if (isUserListed(who, scope.excludeUsers) || isInGroups(who, scope.excludeGroups, directory)) return false;
  const hasInclude = scope.includeUsers.length > 0 || scope.includeGroups.length > 0;
  return !hasInclude || isUserListed(who, scope.includeUsers) || isInGroups(who, scope.includeGroups, directory);
};
