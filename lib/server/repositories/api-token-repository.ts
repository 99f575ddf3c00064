import type { TRole } from "../../shared/roles";
import { getDb, getPgPool } from "../db";

const TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
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
  expiresAt: Date | null;
  userId: string;
  user: { email: string };
}>;

export const createApiToken = (data: Readonly<{ userId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date | null }>): Promise<ApiTokenRecord> =>
  getDb().apiToken.create({ data, select: TOKEN_SELECT });

/** Tokens of one user, or of everyone when userId is omitted (admins see all). */
export const listApiTokens = (userId?: string): Promise<ApiTokenRecord[]> =>
  getDb().apiToken.findMany({ where: userId ? { userId } : {}, select: TOKEN_SELECT, orderBy: { createdAt: "desc" } });

export const findApiTokenById = (id: string): Promise<ApiTokenRecord | null> =>
  getDb().apiToken.findUnique({ where: { id }, select: TOKEN_SELECT });

export const revokeApiToken = (id: string, at: Date): Promise<ApiTokenRecord> =>
  getDb().apiToken.update({ where: { id }, data: { revokedAt: at }, select: TOKEN_SELECT });

/** Revokes every token of a user that is still active (an admin's password reset); how many. */
export const revokeActiveApiTokensOfUser = async (userId: string, at: Date): Promise<number> =>
  (await getDb().apiToken.updateMany({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] }, data: { revokedAt: at } })).count;

export type TokenOwner = Readonly<{ tokenId: string; userId: string; email: string; name: string; role: TRole; disabled: boolean; mustChangePassword: boolean }>;

// On every request with a bearer token: named prepared statements on the pg pool (cheaper than Prisma's
// per-query compilation, bench:load in docs/benchmarks.md).
const TOKEN_OWNER_SQL = `SELECT t.id::text AS "tokenId", t.revoked_at AS "revokedAt", t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
    u.id::text AS "userId", u.email, u.name, u.role::text AS role, u.disabled, u.must_change_password AS "mustChangePassword"
  FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`;

/** Resolves a token hash that is neither revoked nor expired (at `at`) to its owner, and records the use. */
export const resolveApiToken = async (tokenHash: string, at: Date): Promise<TokenOwner | null> => {
  const pool = getPgPool();
  const { rows } = await pool.query<TokenOwner & { revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null }>({
    name: "token-owner",
    text: TOKEN_OWNER_SQL,
    values: [tokenHash],
  });
  const row = rows[0];
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= at.getTime())) return null;
  // Write the last-used time at most once a minute per token, not on every call.
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await pool.query({ name: "token-used", text: "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1::uuid", values: [row.tokenId, at] });
  }
  return { tokenId: row.tokenId, userId: row.userId, email: row.email, name: row.name, role: row.role, disabled: row.disabled, mustChangePassword: row.mustChangePassword };
};
