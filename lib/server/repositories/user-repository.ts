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
  mustChangePassword: true,
} as const;

export type UserRecord = Readonly<{
  id: string;
  email: string;
  name: string;
  role: TRole;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
}>;

export const countUsers = (): Promise<number> => getDb().user.count();

export const listUsers = (): Promise<UserRecord[]> =>
  getDb().user.findMany({ select: USER_SELECT, orderBy: [{ createdAt: "asc" }] });

// On every authenticated request (the session's user): a named prepared statement on the pg pool, which costs
// a fraction of Prisma's per-query compilation (bench:load, docs/benchmarks.md).
const USER_COLUMNS = `id::text, email, name, role::text AS role, disabled, created_at AS "createdAt", last_login_at AS "lastLoginAt",
  must_change_password AS "mustChangePassword"`;
const USER_BY_ID_SQL = `SELECT ${USER_COLUMNS} FROM users WHERE id = $1::uuid`;

export const findUserById = async (id: string): Promise<UserRecord | null> =>
  (await getPgPool().query<UserRecord>({ name: "user-by-id", text: USER_BY_ID_SQL, values: [id] })).rows[0] ?? null;

export type SessionUserRecord = UserRecord & Readonly<{ sessionsValidAfter: Date | null; isSessionRevoked: boolean }>;

// The session check of every cookie request: the user and whether this session was signed out, in one round trip.
const SESSION_USER_SQL = `SELECT ${USER_COLUMNS}, sessions_valid_after AS "sessionsValidAfter",
  EXISTS (SELECT 1 FROM revoked_sessions WHERE sid = $2::uuid) AS "isSessionRevoked"
  FROM users WHERE id = $1::uuid`;

/** A session's user, with what can end the session: sessions_valid_after and a revoked_sessions row for `sid`. */
export const findSessionUser = async (id: string, sid: string): Promise<SessionUserRecord | null> =>
  (await getPgPool().query<SessionUserRecord>({ name: "session-user", text: SESSION_USER_SQL, values: [id, sid] })).rows[0] ?? null;

export const findUserByEmail = (email: string): Promise<UserRecord | null> =>
  getDb().user.findUnique({ where: { email }, select: USER_SELECT });

/** The only read that returns the password hash: for sign-in. */
export const findCredentialsByEmail = (email: string) =>
  getDb().user.findUnique({ where: { email }, select: { ...USER_SELECT, passwordHash: true } });

/** The password hash of one user: for a password change, which checks the current one. */
export const findCredentialsById = (id: string) => getDb().user.findUnique({ where: { id }, select: { ...USER_SELECT, passwordHash: true } });

/**
 * A new password hash; `sessionsValidAfter` ends every session signed in before it, `mustChangePassword`
 * marks a temporary password.
 */
export const setPassword = (id: string, data: Readonly<{ passwordHash: string; mustChangePassword: boolean; sessionsValidAfter: Date }>): Promise<UserRecord> =>
  getDb().user.update({ where: { id }, data, select: USER_SELECT });

/** Ends every session of the user signed in before `at`. */
export const setSessionsValidAfter = (id: string, at: Date): Promise<UserRecord> =>
  getDb().user.update({ where: { id }, data: { sessionsValidAfter: at }, select: USER_SELECT });

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
