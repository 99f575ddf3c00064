import { getDb, type Db } from "../db";

// saml_requests: the AuthnRequest IDs this portal sent, so a Response's InResponseTo is checked on any web process.

export const saveSamlRequest = async (id: string, createdAt: Date, db: Db = getDb()): Promise<void> => {
  await db.samlRequest.create({ data: { id, createdAt } });
};

/** When the request was issued, if it is still outstanding and not older than `notBefore`. */
export const findSamlRequest = async (id: string, notBefore: Date, db: Db = getDb()): Promise<Date | null> =>
  (await db.samlRequest.findFirst({ where: { id, createdAt: { gte: notBefore } }, select: { createdAt: true } }))?.createdAt ?? null;

/** Removes the request (answered, or its response refused): an InResponseTo is usable once. True when it was there. */
export const deleteSamlRequest = async (id: string, db: Db = getDb()): Promise<boolean> => (await db.samlRequest.deleteMany({ where: { id } })).count > 0;

export const deleteSamlRequestsBefore = async (before: Date, db: Db = getDb()): Promise<number> =>
  (await db.samlRequest.deleteMany({ where: { createdAt: { lt: before } } })).count;
