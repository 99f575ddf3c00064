import { getDb, type Db } from "../db";

export type TProtectedSite = Readonly<{ siteId: string; connectorId: string; host: string; baseUrl: string }>;

/** Every site whose switch is on, with its connector's API base URL (the proxy derives the upstream from it). */
export const listProtectedSites = (db: Db = getDb()): Promise<TProtectedSite[]> =>
  db.$kysely
    .selectFrom("atlassian_sites as s")
    .innerJoin("connectors as c", "c.id", "s.connector_id")
    .select(["s.id as siteId", "s.connector_id as connectorId", "s.host", "c.base_url as baseUrl"])
    .where("s.is_protected", "=", true)
    .orderBy("s.protected_at")
    .execute();
