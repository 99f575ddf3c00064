import { getDb, type Db } from "../db";

/** The PEM certificates of every trusted device CA (Watchpost's own and uploaded ones), for the proxy's TLS `ca`. */
export const listTrustedCaPems = async (db: Db = getDb()): Promise<string[]> =>
  (await db.deviceCa.findMany({ select: { certPem: true }, orderBy: { createdAt: "asc" } })).map((r) => r.certPem);
