import { ORG_ADMINS_GROUP, type TDirectoryLookup } from "../../../detection/policy-config";
import { listOrgAdmins } from "../../repositories/detection-repository";

/** The directory facts detection uses (org admins), read once per pass. */
export const loadDirectoryLookup = async (connectorIds?: readonly string[]): Promise<TDirectoryLookup> => {
  const admins = new Set((await listOrgAdmins(connectorIds)).map((a) => `${a.connectorId}|${a.accountId}`));
  const isOrgAdmin = (connectorId: string, accountId: string) => admins.has(`${connectorId}|${accountId}`);
  return { isOrgAdmin, groupsOf: (connectorId, accountId) => (isOrgAdmin(connectorId, accountId) ? [ORG_ADMINS_GROUP] : []) };
};
