import { getDb, type Db } from "../db";

/** Records a signed-out session id; signing out twice is harmless. */
export const revokeSession = async (data: Readonly<{ sid: string; userId: string; revokedAt: Date; expiresAt: Date }>, db: Db = getDb()): Promise<void> => {
  // ON CONFLICT DO NOTHING: two sign-outs of one session at once must not fail on the primary key.
  await db.revokedSession.createMany({ data: [data], skipDuplicates: true });
};

/** Forgets revoked sessions whose JWT has expired on its own (its absolute expiry): nothing can present them now. */
export const pruneRevokedSessions = async (before: Date, db: Db = getDb()): Promise<number> =>
  (await db.revokedSession.deleteMany({ where: { expiresAt: { lt: before } } })).count;
