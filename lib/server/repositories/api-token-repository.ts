import type { TRole } from "../../shared/roles";
import { getDb } from "../db";

const TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  userId: true,
  user: { select: { email: true } },
} as const;

export type ApiTokenRecord = Readonly<{
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  userId: string;
  user: { email: string };
}>;

export const createApiToken = (data: Readonly<{ userId: string; name: string; prefix: string; tokenHash: string }>): Promise<ApiTokenRecord> =>
  getDb().apiToken.create({ data, select: TOKEN_SELECT });

/** Tokens of one user, or of everyone when userId is omitted (admins see all). */
export const listApiTokens = (userId?: string): Promise<ApiTokenRecord[]> =>
  getDb().apiToken.findMany({ where: userId ? { userId } : {}, select: TOKEN_SELECT, orderBy: { createdAt: "desc" } });

export const findApiTokenById = (id: string): Promise<ApiTokenRecord | null> =>
  getDb().apiToken.findUnique({ where: { id }, select: TOKEN_SELECT });

export const revokeApiToken = (id: string, at: Date): Promise<ApiTokenRecord> =>
  getDb().apiToken.update({ where: { id }, data: { revokedAt: at }, select: TOKEN_SELECT });

export type TokenOwner = Readonly<{ tokenId: string; userId: string; email: string; name: string; role: TRole; disabled: boolean }>;

/** Resolves an unrevoked token hash to its owner, and records the use. */
export const resolveApiToken = async (tokenHash: string, at: Date): Promise<TokenOwner | null> => {
  const db = getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (!row || row.revokedAt) return null;
  // Write the last-used time at most once a minute per token, not on every call.
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: at }, select: { id: true } });
  }
  const { user } = row;
  return { tokenId: row.id, userId: user.id, email: user.email, name: user.name, role: user.role, disabled: user.disabled };
};
