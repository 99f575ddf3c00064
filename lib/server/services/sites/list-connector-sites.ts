import { missingScopesOf } from "../../../shared/atlassian-scopes";
import { AppError } from "../../../shared/errors";
import type { TSiteList } from "../../../shared/schemas/sites";
import { listConnectorSites } from "../../repositories/atlassian-site-repository";
import { findConnectorRecord } from "../../repositories/connector-repository";
import { toSiteDto } from "./site-dto";

/** A connector's Atlassian sites, and whether its key may list them (the empty state's hint). */
export const listConnectorSiteDtos = async (connectorId: string): Promise<TSiteList> => {
  const connector = await findConnectorRecord(connectorId);
  if (!connector) throw new AppError("not_found", "Connector not found");
  const sites = await listConnectorSites(connectorId);
  return { data: sites.map(toSiteDto), canListSites: missingScopesOf("sites", connector.missingScopes).length === 0 };
};
