import type { TRole } from "../../shared/roles";
import { getDb, getPgPool } from "../db";

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export type UserRecord = Readonly<{
  id: string;
  email: string;
  name: string;
  role: TRole;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}>;

export const countUsers = (): Promise<number> => getDb().user.count();

export const listUsers = (): Promise<UserRecord[]> =>
  getDb().user.findMany({ select: USER_SELECT, orderBy: [{ createdAt: "asc" }] });

// On every authenticated request (the session's user): a named prepared statement on the pg pool, which costs
// a fraction of Prisma's per-query compilation (bench:load, docs/benchmarks.md).
const USER_BY_ID_SQL = `SELECT id::text, email, name, role::text AS role, disabled, created_at AS "createdAt", last_login_at AS "lastLoginAt"
  FROM users WHERE id = $1::uuid`;

export const findUserById = async (id: string): Promise<UserRecord | null> =>
  (await getPgPool().query<UserRecord>({ name: "user-by-id", text: USER_BY_ID_SQL, values: [id] })).rows[0] ?? null;

export const findUserByEmail = (email: string): Promise<UserRecord | null> =>
  getDb().user.findUnique({ where: { email }, select: USER_SELECT });

/** The only read that returns the password hash: for sign-in. */
export const findCredentialsByEmail = (email: string) =>
  getDb().user.findUnique({ where: { email }, select: { ...USER_SELECT, passwordHash: true } });

export type CreateUserData = Readonly<{ email: string; name: string; role: TRole; passwordHash: string }>;

export const createUser = (data: CreateUserData): Promise<UserRecord> =>
  getDb().user.create({ data, select: USER_SELECT });

/** Creates the user only while the table is empty (first-run setup), atomically. Null if a user exists. */
export const createFirstUser = (data: CreateUserData): Promise<UserRecord | null> =>
  getDb().$transaction(async (tx) => {
    // One lock for concurrent setup submissions: the second sees the first user and gives up.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7215301)`;
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data, select: USER_SELECT });
  });

export const upsertUserByEmail = (data: CreateUserData): Promise<UserRecord> =>
  getDb().user.upsert({
    where: { email: data.email },
    create: data,
    update: { role: data.role, passwordHash: data.passwordHash, disabled: false },
    select: USER_SELECT,
  });

export type UpdateUserData = Partial<Readonly<{ name: string; role: TRole; disabled: boolean }>>;

export const updateUser = (id: string, data: UpdateUserData): Promise<UserRecord> =>
  getDb().user.update({ where: { id }, data, select: USER_SELECT });

export const countActiveAdmins = (): Promise<number> => getDb().user.count({ where: { role: "admin", disabled: false } });

export const touchLastLogin = async (id: string, at: Date): Promise<void> => {
  await getDb().user.update({ where: { id }, data: { lastLoginAt: at }, select: { id: true } });
};
