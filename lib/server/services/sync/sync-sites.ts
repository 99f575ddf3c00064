import { groupWorkspacesBySite, isAtlassianApiError, type TAtlassianClient, type TRateFamily, type TWorkspace } from "../../../atlassian";
import { missingScopesOf } from "../../../shared/atlassian-scopes";
import type { Logger } from "../../logger";
import { upsertSeenSites } from "../../repositories/atlassian-site-repository";

const MAX_PAGES = 100;

export type SyncSitesOptions = Readonly<{
  client: TAtlassianClient;
  orgId: string;
  connectorId: string;
  acquire: (family: TRateFamily) => Promise<void>;
  now: Date;
  logger: Pick<Logger, "warn" | "info">;
  missingScopes?: readonly string[];
}>;

/**
 * The org's sites from the workspaces listing, stored one row per `<name>.atlassian.net` host. Returns the number
 * of sites, or null when the key may not list workspaces: sites are an optional feature, so a key without
 * read:workspaces:admin (or an API without the listing) leaves the known sites as they are and never fails the sync.
 */
export const syncSites = async (options: SyncSitesOptions): Promise<number | null> => {
  const { client, orgId, connectorId, acquire, logger } = options;
  if (missingScopesOf("sites", options.missingScopes ?? []).length > 0) return null;
  const workspaces: TWorkspace[] = [];
  try {
    let cursor: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      await acquire("directory");
      const page = await client.listWorkspaces(orgId, cursor ? { cursor } : { limit: 100 });
      workspaces.push(...page.items);
      if (!page.nextCursor || page.nextCursor === cursor || page.items.length === 0) break;
      cursor = page.nextCursor;
    }
  } catch (error) {
    // Keys checked before the scope existed are not marked as lacking it: their 403 (or 404) is the same "no sites".
    if (isAtlassianApiError(error) && (error.kind === "forbidden" || error.kind === "not_found")) {
      logger.info({ connectorId, kind: error.kind }, "workspaces listing not available to this key: sites not synced");
      return null;
    }
    throw error;
  }
  const { sites, refused } = groupWorkspacesBySite(workspaces);
  if (refused.length > 0) logger.warn({ connectorId, refused: refused.slice(0, 10) }, "workspaces with a host that is not <name>.atlassian.net were skipped");
  await upsertSeenSites(connectorId, sites, options.now);
  return sites.length;
};
