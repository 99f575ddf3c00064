// What the proxy reads from the database on a short loop: protected sites, trusted device CAs, revoked serials.
import type { Logger } from "../server/logger";
import { listProtectedSites, type TProtectedSite } from "../server/repositories/atlassian-site-repository";
import { listTrustedCaPems } from "../server/repositories/device-ca-repository";
import { listRevokedSerials } from "../server/repositories/device-certificate-repository";
import { every } from "./every";

/** ≤2 s (issue 21: a revoked certificate is unmanaged within 5 s, a switched-on site is reachable at once). */
export const REFRESH_MS = 1_000;

export type TProxyDirectory = {
  /** The protected site for a host (first switched on wins when two connectors list the same host). */
  siteOf: (siteHost: string) => TProtectedSite | undefined;
  revokedSerials: () => ReadonlySet<string>;
  trustedCaPems: () => readonly string[];
  refresh: () => Promise<void>;
  close: () => void;
};

/**
 * Loads once, then refreshes every REFRESH_MS. On a database error the last good state stays in use (the proxy keeps
 * proxying) and the error is logged once per outage. `onCasChanged` receives the new PEM set when it changed.
 */
export const startProxyDirectory = async (options: Readonly<{ logger: Logger; onCasChanged: (pems: readonly string[]) => void }>): Promise<TProxyDirectory> => {
  let sites = new Map<string, TProtectedSite>();
  let revoked: ReadonlySet<string> = new Set();
  let cas: readonly string[] = [];
  let isFailing = false;

  const refresh = async () => {
    try {
      const [siteRows, caPems, serials] = await Promise.all([listProtectedSites(), listTrustedCaPems(), listRevokedSerials()]);
      const next = new Map<string, TProtectedSite>();
      for (const site of siteRows) if (!next.has(site.host)) next.set(site.host, site);
      sites = next;
      revoked = new Set(serials.map((s) => s.toUpperCase()));
      if (caPems.join("\n") !== cas.join("\n")) {
        cas = caPems;
        options.onCasChanged(caPems);
      }
      if (isFailing) options.logger.info("proxy directory reachable again");
      isFailing = false;
    } catch (error) {
      if (!isFailing) options.logger.warn({ err: { message: (error as Error).message } }, "cannot refresh protected sites and device CAs; keeping the last ones");
      isFailing = true;
    }
  };

  await refresh();
  const stop = every(REFRESH_MS, refresh);
  return {
    siteOf: (host) => sites.get(host),
    revokedSerials: () => revoked,
    trustedCaPems: () => cas,
    refresh,
    close: stop,
  };
};
