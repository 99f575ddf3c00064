import { getDb, type Db } from "../db";

/** Serials (hex, upper case) of revoked device certificates: the proxy treats them as unmanaged. */
export const listRevokedSerials = async (db: Db = getDb()): Promise<string[]> =>
  (await db.deviceCertificate.findMany({ where: { revokedAt: { not: null } }, select: { serial: true } })).map((r) => r.serial);
