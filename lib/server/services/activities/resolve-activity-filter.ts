import { countryCodeOf } from "../../../geo/countries";
import { AppError } from "../../../shared/errors";
import type { TActivityFilters } from "../../../shared/schemas/activities";
import type { ActivityQueryFilter } from "../../repositories/activity-query-repository";
import { findActorIdsMatching } from "../../repositories/atlassian-user-repository";

const invalid = (name: string, reason: string) => new AppError("validation_failed", `Invalid query: ${name}: ${reason}`, [{ name, reason }]);

/**
 * Turns the validated query parameters into what the SQL filters on: a user (email, account id or name)
 * becomes account ids from the directory, a country name its ISO code, an IP an address or a CIDR block.
 */
export const resolveActivityFilter = async (filters: TActivityFilters): Promise<ActivityQueryFilter> => {
  const from = filters.from ? new Date(filters.from) : undefined;
  const to = filters.to ? new Date(filters.to) : undefined;
  if (from && to && from >= to) throw invalid("to", "must be after from");

  let countryCode: string | undefined;
  if (filters.country) {
    countryCode = countryCodeOf(filters.country) ?? undefined;
    if (!countryCode) throw invalid("country", `unknown country "${filters.country}" (use a name or an ISO code such as GB)`);
  }

  let actorIds: string[] | undefined;
  let actorEmail: string | undefined;
  if (filters.user) {
    const ids = await findActorIdsMatching(filters.user);
    if (ids.length > 0) actorIds = ids;
    else if (filters.user.includes("@")) actorEmail = filters.user.toLowerCase();
    else actorIds = [filters.user];
  }

  return {
    from,
    to,
    actorIds,
    actorEmail,
    actions: filters.action?.length ? [...new Set(filters.action)] : undefined,
    product: filters.product,
    ip: filters.ip ? { kind: filters.ip.includes("/") ? "cidr" : "address", text: filters.ip } : undefined,
    countryCode,
    ipCategory: filters.ipCategory,
    connectorId: filters.connectorId,
    source: filters.source,
    adminOnly: filters.adminOnly,
    impersonation: filters.impersonation,
    text: filters.q?.toLowerCase(),
    outcome: filters.outcome,
    policyId: filters.policy,
  };
};
