import type pg from "pg";
import type { Prisma } from "../../generated/prisma/client";
import { getDb, getPgPool, getSql, type Db } from "../db";
import { runPrepared } from "./prepared-statement";

// API tokens (api_tokens), with their owner where a request is authenticated by one.

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
} as const satisfies Prisma.ApiTokenSelect;

export type ApiTokenRecord = Readonly<Prisma.ApiTokenGetPayload<{ select: typeof TOKEN_SELECT }>>;

export const createApiToken = (
  data: Readonly<{ userId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date | null }>,
  db: Db = getDb(),
): Promise<ApiTokenRecord> => db.apiToken.create({ data, select: TOKEN_SELECT });

/** Tokens of one user, or of everyone when userId is omitted (admins see all). */
export const listApiTokens = (userId?: string, db: Db = getDb()): Promise<ApiTokenRecord[]> =>
  db.apiToken.findMany({ where: userId ? { userId } : {}, select: TOKEN_SELECT, orderBy: { createdAt: "desc" } });

export const findApiTokenById = (id: string, db: Db = getDb()): Promise<ApiTokenRecord | null> => db.apiToken.findUnique({ where: { id }, select: TOKEN_SELECT });

export const revokeApiToken = (id: string, at: Date, db: Db = getDb()): Promise<ApiTokenRecord> =>
  db.apiToken.update({ where: { id }, data: { revokedAt: at }, select: TOKEN_SELECT });

/** Revokes every token of a user that is still active (an admin's password reset); how many. */
export const revokeActiveApiTokensOfUser = async (userId: string, at: Date, db: Db = getDb()): Promise<number> =>
  (await db.apiToken.updateMany({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] }, data: { revokedAt: at } })).count;

// On every request with a bearer token: named prepared statements on the pg pool (cheaper than Prisma's
// per-query compilation, bench:load in docs/benchmarks.md), built with the typed builder and compiled only.
const selectTokenOwner = (tokenHash: string) =>
  getSql()
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select([
      "t.id as tokenId",
      "t.revoked_at as revokedAt",
      "t.expires_at as expiresAt",
      "t.last_used_at as lastUsedAt",
      "u.id as userId",
      "u.email",
      "u.name",
      "u.role",
      "u.disabled",
      "u.must_change_password as mustChangePassword",
    ])
    .where("t.token_hash", "=", tokenHash);

type TokenOwnerRow = Awaited<ReturnType<ReturnType<typeof selectTokenOwner>["executeTakeFirstOrThrow"]>>;

export type TokenOwner = Readonly<Omit<TokenOwnerRow, "revokedAt" | "expiresAt" | "lastUsedAt">>;

/** Resolves a token hash that is neither revoked nor expired (at `at`) to its owner, and records the use. */
export const resolveApiToken = async (tokenHash: string, at: Date, pool: pg.Pool = getPgPool()): Promise<TokenOwner | null> => {
  const [row] = await runPrepared("token-owner", selectTokenOwner(tokenHash).compile(), pool);
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= at.getTime())) return null;
  // Write the last-used time at most once a minute per token, not on every call.
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await runPrepared("token-used", getSql().updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", row.tokenId).compile(), pool);
  }
  return { tokenId: row.tokenId, userId: row.userId, email: row.email, name: row.name, role: row.role, disabled: row.disabled, mustChangePassword: row.mustChangePassword };
};
