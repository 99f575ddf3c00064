import type { TWorkspace } from "./schemas/workspaces";

/** The only hosts Watchpost accepts as sites: the proxy must never be pointed anywhere but Atlassian Cloud. */
export const SITE_HOST_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}\.atlassian\.net$/;

export type TSiteOfWorkspaces = Readonly<{ host: string; name: string; products: string[] }>;

export type TGroupedWorkspaces = Readonly<{
  sites: TSiteOfWorkspaces[];
  /** hostUrls that are neither a site nor Bitbucket (logged by the caller, never stored). */
  refused: string[];
}>;

const hostOf = (hostUrl: string): string | null => {
  try {
    const url = new URL(hostUrl);
    // A port, credentials or a path prefix would point the proxy somewhere other than the site itself.
    if (url.protocol !== "https:" || url.port || url.username || url.password) return null;
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
};

const isBitbucket = (hostUrl: string): boolean => /^https?:\/\/(www\.)?bitbucket\.org(\/|$)/i.test(hostUrl);

/**
 * One site per distinct `<name>.atlassian.net` host of the listing, with the product type keys found on it (sorted,
 * distinct). Bitbucket workspaces live on bitbucket.org and are not sites; any other host is refused.
 */
export const groupWorkspacesBySite = (workspaces: readonly TWorkspace[]): TGroupedWorkspaces => {
  const byHost = new Map<string, { name: string; products: Set<string> }>();
  const refused: string[] = [];
  for (const workspace of workspaces) {
    const hostUrl = workspace.attributes.hostUrl;
    if (!hostUrl || isBitbucket(hostUrl)) continue;
    const host = hostOf(hostUrl);
    if (!host || !SITE_HOST_PATTERN.test(host)) {
      refused.push(hostUrl);
      continue;
    }
    const site = byHost.get(host) ?? { name: host.slice(0, -".atlassian.net".length), products: new Set<string>() };
    site.products.add(workspace.attributes.typeKey);
    byHost.set(host, site);
  }
  const sites = [...byHost].map(([host, s]) => ({ host, name: s.name, products: [...s.products].sort() }));
  return { sites: sites.sort((a, b) => a.host.localeCompare(b.host)), refused };
};
