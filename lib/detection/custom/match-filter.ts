import type { TCustomPolicyFilter } from "../../shared/schemas/policies";
import type { TDetectionActivity } from "../types";
import type { TDirectoryLookup } from "../policy-config";
import { isInGroups, isUserListed } from "../scope";

const hasAny = (values: readonly string[] | undefined): values is readonly string[] => values !== undefined && values.length > 0;

/** Every field set must match (AND); a list matches any of its entries (OR). Pure. */
export const matchesFilter = (a: TDetectionActivity, filter: TCustomPolicyFilter, directory: TDirectoryLookup): boolean => {
  if (hasAny(filter.actions) && !filter.actions.includes(a.action)) return false;
  if (hasAny(filter.products) && !filter.products.includes(a.product as never)) return false;
  if (hasAny(filter.users) && !isUserListed(a, filter.users)) return false;
  if (hasAny(filter.groups) && !isInGroups(a, filter.groups, directory)) return false;
  if (filter.adminActor !== undefined && directory.isOrgAdmin(a.connectorId, a.actorId) !== filter.adminActor) return false;
  if (filter.adminActionsOnly && !a.isAdminAction) return false;
  if (filter.impersonation !== undefined && a.isImpersonation !== filter.impersonation) return false;
  if (hasAny(filter.ipCategories) && (a.ipCategory === null || !filter.ipCategories.includes(a.ipCategory as never))) return false;
  if (hasAny(filter.ipCategoriesExclude) && a.ipCategory !== null && filter.ipCategoriesExclude.includes(a.ipCategory as never)) return false;
  if (hasAny(filter.ipTags) && !a.ipTags.some((tag) => filter.ipTags?.includes(tag))) return false;
  if (hasAny(filter.countries) && (a.countryCode === null || !filter.countries.includes(a.countryCode))) return false;
  if (filter.text && !a.searchText.includes(filter.text.toLowerCase())) return false;
  return true;
};
