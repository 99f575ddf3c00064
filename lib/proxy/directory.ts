// What the proxy reads from the database on a short loop: protected sites, trusted device CAs, revoked serials, session policies.
import type { Logger } from "../server/logger";
import { listProtectedSites, type TProtectedSite } from "../server/repositories/atlassian-site-repository";
import { listTrustedCaPems } from "../server/repositories/device-ca-repository";
import { listRevokedSerials } from "../server/repositories/device-certificate-repository";
import { listEnabledSessionPolicies } from "../server/repositories/session-policy-repository";
import type { TSessionPolicy } from "../shared/schemas/session-policies";
import { every } from "./every";

/** ≤1 s (issue 21: a revoked certificate is unmanaged within 5 s, a switched-on site is reachable at once; issue 22: policy changes apply within 5 s). */
export const REFRESH_MS = 1_000;

export type TProxyDirectory = {
  /** The protected site for a host (first switched on wins when two connectors list the same host). */
  siteOf: (siteHost: string) => TProtectedSite | undefined;
  /** Connectors with a protected site (whose directories session policies read). */
  connectorIds: () => readonly string[];
  revokedSerials: () => ReadonlySet<string>;
  trustedCaPems: () => readonly string[];
  /** The enabled session policies in evaluation order (compareSessionPolicies). */
  policies: () => readonly TSessionPolicy[];
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
  let policies: readonly TSessionPolicy[] = [];
  let isFailing = false;
  // A row whose JSON no longer parses is skipped (never evaluated) and reported once, not every second.
  const reportedUnreadable = new Set<string>();

  const refresh = async () => {
    try {
      const [siteRows, caPems, serials, enabled] = await Promise.all([listProtectedSites(), listTrustedCaPems(), listRevokedSerials(), listEnabledSessionPolicies()]);
      const next = new Map<string, TProtectedSite>();
      for (const site of siteRows) if (!next.has(site.host)) next.set(site.host, site);
      sites = next;
      revoked = new Set(serials.map((s) => s.toUpperCase()));
      policies = enabled.policies;
      for (const id of enabled.unreadable) {
        if (reportedUnreadable.has(id)) continue;
        reportedUnreadable.add(id);
        options.logger.warn({ policyId: id }, "session policy cannot be read; it is not evaluated until it is saved again");
      }
      if (caPems.join("\n") !== cas.join("\n")) {
        cas = caPems;
        options.onCasChanged(caPems);
      }
      if (isFailing) options.logger.info("proxy directory reachable again");
      isFailing = false;
    } catch (error) {
      if (!isFailing) options.logger.warn({ err: { message: (error as Error).message } }, "cannot refresh protected sites, device CAs and session policies; keeping the last ones");
      isFailing = true;
    }
  };

  await refresh();
  const stop = every(REFRESH_MS, refresh);
  return {
    siteOf: (host) => sites.get(host),
    connectorIds: () => [...new Set([...sites.values()].map((s) => s.connectorId))],
    revokedSerials: () => revoked,
    trustedCaPems: () => cas,
    policies: () => policies,
    refresh,
    close: stop,
  };
};
