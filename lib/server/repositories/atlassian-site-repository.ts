import { randomUUID } from "node:crypto";
import { getDb, type Db } from "../db";

export type TProtectedSite = Readonly<{ siteId: string; connectorId: string; connectorName: string; host: string; baseUrl: string }>;

/** Every site whose switch is on, with its connector's API base URL (the proxy derives the upstream from it). */
export const listProtectedSites = (db: Db = getDb()): Promise<TProtectedSite[]> =>
  db.$kysely
    .selectFrom("atlassian_sites as s")
    .innerJoin("connectors as c", "c.id", "s.connector_id")
    .select(["s.id as siteId", "s.connector_id as connectorId", "c.name as connectorName", "s.host", "c.base_url as baseUrl"])
    .where("s.is_protected", "=", true)
    .orderBy("s.protected_at")
    .execute();

export type TSiteRecord = Readonly<{
  id: string;
  connectorId: string;
  host: string;
  name: string;
  products: string[];
  isProtected: boolean;
  protectedAt: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}>;

export type TSeenSite = Readonly<{ host: string; name: string; products: readonly string[] }>;

const SITE_SELECT = { id: true, connectorId: true, host: true, name: true, products: true, isProtected: true, protectedAt: true, firstSeenAt: true, lastSeenAt: true } as const;

/** A connector's sites, by host. */
export const listConnectorSites = (connectorId: string, db: Db = getDb()): Promise<TSiteRecord[]> =>
  db.atlassianSite.findMany({ where: { connectorId }, select: SITE_SELECT, orderBy: { host: "asc" } });

export const findConnectorSite = (connectorId: string, siteId: string, db: Db = getDb()): Promise<TSiteRecord | null> =>
  db.atlassianSite.findFirst({ where: { id: siteId, connectorId }, select: SITE_SELECT });

/**
 * Records the hosts one workspaces listing returned: new ones are added (unprotected), known ones get their name,
 * products and last-seen time; the switch is never touched here, and a host no longer listed keeps its row.
 */
export const upsertSeenSites = async (connectorId: string, sites: readonly TSeenSite[], at: Date, db: Db = getDb()): Promise<void> => {
  if (sites.length === 0) return;
  await db.$kysely
    .insertInto("atlassian_sites")
    .values(sites.map((s) => ({ id: randomUUID(), connector_id: connectorId, host: s.host, name: s.name, products: [...s.products], first_seen_at: at, last_seen_at: at })))
    .onConflict((oc) =>
      oc.columns(["connector_id", "host"]).doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), products: eb.ref("excluded.products"), last_seen_at: eb.ref("excluded.last_seen_at") })),
    )
    .execute();
};

/** Turns the session-proxy switch of one site on or off; null when the site is not the connector's. */
export const setSiteProtected = async (
  options: Readonly<{ connectorId: string; siteId: string; isProtected: boolean; actorId: string | null; at: Date }>,
  db: Db = getDb(),
): Promise<TSiteRecord | null> => {
  const { connectorId, siteId, isProtected, actorId, at } = options;
  const { count } = await db.atlassianSite.updateMany({
    where: { id: siteId, connectorId },
    data: isProtected ? { isProtected, protectedAt: at, protectedById: actorId } : { isProtected, protectedAt: null, protectedById: null },
  });
  return count === 0 ? null : findConnectorSite(connectorId, siteId, db);
};
