import { findCountry } from "../../../geo/countries";
import { AppError } from "../../../shared/errors";
import type { TAtlassianUserDetail } from "../../../shared/schemas/atlassian-users";
import { listUserAlerts } from "../../repositories/alert-repository";
import { findAtlassianUser, type AtlassianUserRow } from "../../repositories/atlassian-user-repository";
import { listGovernanceActions } from "../../repositories/governance-repository";
import { listUserLocations, type UserLocationRow } from "../../repositories/rollup-repository";
import { findPriority } from "../../repositories/user-priority-repository";
import { ZPriorityContribution } from "../../../shared/schemas/atlassian-users";
import { toAtlassianUserDto } from "./atlassian-user-dto";

export const getAtlassianUserRowOrThrow = async (id: string): Promise<AtlassianUserRow> => {
  const user = await findAtlassianUser(id);
  if (!user) throw new AppError("not_found", "Atlassian user not found");
  return user;
};

/** Countries seen, from the per-IP rows: first and last seen over all IPs of the country, most recent first. */
const countriesOf = (locations: readonly UserLocationRow[]) => {
  const byCode = new Map<string, { firstSeen: Date; lastSeen: Date; count: number }>();
  for (const l of locations) {
    const key = l.countryCode ?? "";
    const seen = byCode.get(key);
    byCode.set(key, {
      firstSeen: seen && seen.firstSeen < l.firstSeen ? seen.firstSeen : l.firstSeen,
      lastSeen: seen && seen.lastSeen > l.lastSeen ? seen.lastSeen : l.lastSeen,
      count: (seen?.count ?? 0) + l.count,
    });
  }
  return [...byCode.entries()]
    .sort((a, b) => b[1].lastSeen.getTime() - a[1].lastSeen.getTime())
    .map(([code, s]) => ({
      countryCode: code || null,
      name: code ? (findCountry(code)?.name ?? code) : "Unknown",
      firstSeen: s.firstSeen.toISOString(),
      lastSeen: s.lastSeen.toISOString(),
      count: s.count,
    }));
};

/** One Atlassian account with where it was seen from and its alerts. */
export const getAtlassianUserOrThrow = async (id: string): Promise<TAtlassianUserDetail> => {
  const user = await getAtlassianUserRowOrThrow(id);
  const [locations, alerts, governance, priority] = await Promise.all([
    listUserLocations(user.connectorId, user.accountId),
    listUserAlerts(user.connectorId, user.accountId),
    listGovernanceActions({ filters: { connectorId: user.connectorId, accountId: user.accountId }, limit: 20 }),
    findPriority(user.connectorId, user.accountId),
  ]);
  return {
    ...toAtlassianUserDto(user),
    syncedAt: user.syncedAt.toISOString(),
    priority: {
      score: user.priorityScore,
      trend: user.priorityTrend,
      // Stored by the worker from the same contract; parsed so a row from an older shape cannot break the page.
      contributions: ZPriorityContribution.array().catch([]).parse(priority?.contributions ?? []),
      computedAt: priority?.computedAt.toISOString() ?? null,
    },
    locations: locations.map((l) => ({ ...l, firstSeen: l.firstSeen.toISOString(), lastSeen: l.lastSeen.toISOString() })),
    countries: countriesOf(locations),
    alerts: alerts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString(), lastActivityAt: a.lastActivityAt.toISOString() })),
    governanceActions: governance.rows.map((g) => ({ id: g.id, action: g.action, at: g.createdAt.toISOString(), actorEmail: g.triggeredByEmail })),
  };
};
