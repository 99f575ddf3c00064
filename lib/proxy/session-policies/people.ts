// Person facts for session policies (admins, groups, external users), from the synced directory of each protected
// connector, held in memory and re-read on a slower loop than sites and policies: the directory changes with the sync.
import type { Logger } from "../../server/logger";
import { listProxyPeople } from "../../server/repositories/directory-repository";
import { every } from "../every";

/** The directory sync runs every few minutes at best: reading it every 15 s costs two small queries and misses nothing. */
export const PEOPLE_REFRESH_MS = 15_000;

export type TPersonFacts = Readonly<{ isAdmin: boolean; isExternal: boolean; groups: readonly string[] }>;

type TConnectorPeople = { users: Map<string, { isAdmin: boolean; groups: readonly string[] }>; verifiedDomains: Set<string> };

const NOBODY: TPersonFacts = { isAdmin: false, isExternal: false, groups: [] };

const domainOf = (email: string | null | undefined) => {
  const at = email?.lastIndexOf("@") ?? -1;
  return email && at > 0 ? email.slice(at + 1).toLowerCase() : null;
};

/**
 * Person facts of a connector's account. Groups are the directory's platform roles (atlassian/org-admin…): the synced
 * directory holds no other group memberships. External: the signed-in email's domain is not one of the connector's
 * verified domains; anonymous is never external, nor is anyone while the connector has no verified domain synced yet.
 */
export const personFactsOf = (people: TConnectorPeople | undefined, account: Readonly<{ id: string; email: string | null }> | null): TPersonFacts => {
  if (!account) return NOBODY;
  const user = people?.users.get(account.id);
  const domain = domainOf(account.email);
  const isExternal = Boolean(people && people.verifiedDomains.size > 0 && domain !== null && !people.verifiedDomains.has(domain));
  return { isAdmin: user?.isAdmin ?? false, groups: user?.groups ?? [], isExternal };
};

export type TPeopleDirectory = Readonly<{
  factsOf: (connectorId: string, account: Readonly<{ id: string; email: string | null }> | null) => TPersonFacts;
  /** null when the connector's people are loaded; else a load to await first (a site switched on since the last one), at most 2 s. */
  ready: (connectorId: string) => Promise<void> | null;
  refresh: () => Promise<void>;
  close: () => void;
}>;

/** The longest a request waits for the people of a connector the proxy has not read yet (two small queries, twice at worst). */
const READY_TIMEOUT_MS = 2_000;

/** Loads once, then every PEOPLE_REFRESH_MS; a database error keeps the last good state (logged once per outage). */
export const startPeopleDirectory = async (options: Readonly<{ logger: Logger; connectorIds: () => readonly string[] }>): Promise<TPeopleDirectory> => {
  let byConnector = new Map<string, TConnectorPeople>();
  let isFailing = false;
  let running: Promise<void> | null = null;

  const load = async () => {
    const ids = [...new Set(options.connectorIds())].sort();
    try {
      const { users, verifiedDomains } = await listProxyPeople(ids);
      const next = new Map<string, TConnectorPeople>(ids.map((id) => [id, { users: new Map(), verifiedDomains: new Set() }]));
      for (const u of users) next.get(u.connectorId)?.users.set(u.accountId, { isAdmin: u.isAdmin, groups: u.platformRoles });
      for (const d of verifiedDomains) next.get(d.connectorId)?.verifiedDomains.add(d.name.toLowerCase());
      byConnector = next;
      if (isFailing) options.logger.info("proxy people directory reachable again");
      isFailing = false;
    } catch (error) {
      if (!isFailing) options.logger.warn({ err: { message: (error as Error).message } }, "cannot read the synced directory for session policies; keeping the last one");
      isFailing = true;
    }
  };

  const refresh = (): Promise<void> => (running ??= load().finally(() => (running = null)));
  await refresh();
  const stop = every(PEOPLE_REFRESH_MS, refresh);
  return {
    factsOf: (connectorId, account) => personFactsOf(byConnector.get(connectorId), account),
    // A site switched on since the last load: its first requests must not be judged without its verified domains.
    ready: (connectorId) => {
      if (byConnector.has(connectorId) || isFailing) return null;
      // A load already running may have listed the connectors before this one was switched on: then read again.
      const load = (async () => {
        await refresh();
        if (!byConnector.has(connectorId) && !isFailing) await refresh();
      })();
      return Promise.race([load, new Promise<void>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS).unref())]);
    },
    refresh,
    close: stop,
  };
};
