import { ORG_ADMINS_GROUP, type TDirectoryLookup } from "../../../detection/policy-config";
import { listGroupMemberships } from "../../repositories/activity-repository";
import { listOrgAdmins } from "../../repositories/atlassian-user-repository";

const keyOf = (connectorId: string, accountId: string) => `${connectorId}|${accountId}`;

/**
 * The directory facts detection uses, read once per pass: org admins (the synced directory, also the
 * pseudo-group "org-admins") and group memberships derived from the org audit log (names and ids).
 */
export const loadDirectoryLookup = async (connectorIds?: readonly string[]): Promise<TDirectoryLookup> => {
  const [adminRows, memberships] = await Promise.all([listOrgAdmins(connectorIds), listGroupMemberships(connectorIds)]);
  const admins = new Set(adminRows.map((a) => keyOf(a.connectorId, a.accountId)));
  const groups = new Map<string, string[]>();
  for (const m of memberships) {
    const key = keyOf(m.connectorId, m.accountId);
    const list = groups.get(key) ?? [];
    for (const name of [m.groupName, m.groupId]) if (name && !list.includes(name)) list.push(name);
    groups.set(key, list);
  }
  const isOrgAdmin = (connectorId: string, accountId: string) => admins.has(keyOf(connectorId, accountId));
  return {
    isOrgAdmin,
    groupsOf: (connectorId, accountId) => [...(isOrgAdmin(connectorId, accountId) ? [ORG_ADMINS_GROUP] : []), ...(groups.get(keyOf(connectorId, accountId)) ?? [])],
  };
};
