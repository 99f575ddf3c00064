import { sql } from "kysely";
import type pg from "pg";
import type { Prisma } from "../../generated/prisma/client";
import { getDb, getPgPool, getSql, type Db } from "../db";
import { queryInTransaction } from "./transaction-sql";
import { ConflictError, withConflict } from "./persistence-errors";
import { runPrepared } from "./prepared-statement";

// Portal users (users). The session lookups of every request run as named prepared statements on the pg pool
// (prepared-statement.ts); everything else through Prisma.

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  lastLoginAt: true,
  mustChangePassword: true,
} as const satisfies Prisma.UserSelect;

export type UserRecord = Readonly<Prisma.UserGetPayload<{ select: typeof USER_SELECT }>>;

/** Emails are unique (users.email): a second user with one is a 409 on the email field. */
export const userEmailTaken = (email: string) => new ConflictError(`A user with the email ${email} already exists`, "email");

export const countUsers = (db: Db = getDb()): Promise<number> => db.user.count();

export const listUsers = (db: Db = getDb()): Promise<UserRecord[]> => db.user.findMany({ select: USER_SELECT, orderBy: [{ createdAt: "asc" }] });

/** USER_SELECT in SQL: the same record from the typed builder (compiled only, run by runPrepared). */
const selectUser = () =>
  getSql()
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled", "created_at as createdAt", "last_login_at as lastLoginAt", "must_change_password as mustChangePassword"]);

// On every authenticated request (the session's user): a named prepared statement on the pg pool, which costs
// a fraction of Prisma's per-query compilation (bench:load, docs/benchmarks.md).
export const findUserById = async (id: string, pool: pg.Pool = getPgPool()): Promise<UserRecord | null> =>
  (await runPrepared("user-by-id", selectUser().where("id", "=", id).compile(), pool))[0] ?? null;

export type SessionUserRecord = UserRecord & Readonly<{ sessionsValidAfter: Date | null; isSessionRevoked: boolean }>;

/**
 * A session's user, with what can end the session: sessions_valid_after and a revoked_sessions row for `sid`.
 * The session check of every cookie request: the user and whether this session was signed out, in one round trip.
 */
export const findSessionUser = async (id: string, sid: string, pool: pg.Pool = getPgPool()): Promise<SessionUserRecord | null> => {
  const query = selectUser()
    .select((eb) => [
      "sessions_valid_after as sessionsValidAfter",
      eb
        .exists(eb.selectFrom("revoked_sessions").select(sql.lit(1).as("one")).where("sid", "=", sid))
        .$castTo<boolean>()
        .as("isSessionRevoked"),
    ])
    .where("id", "=", id);
  return (await runPrepared("session-user", query.compile(), pool))[0] ?? null;
};

export const findUserByEmail = (email: string, db: Db = getDb()): Promise<UserRecord | null> => db.user.findUnique({ where: { email }, select: USER_SELECT });

/** The only read that returns the password hash: for sign-in. */
export const findCredentialsByEmail = (email: string, db: Db = getDb()) =>
  db.user.findUnique({ where: { email }, select: { ...USER_SELECT, passwordHash: true } });

/** The password hash of one user: for a password change, which checks the current one. */
export const findCredentialsById = (id: string, db: Db = getDb()) => db.user.findUnique({ where: { id }, select: { ...USER_SELECT, passwordHash: true } });

/**
 * A new password hash; `sessionsValidAfter` ends every session signed in before it, `mustChangePassword`
 * marks a temporary password.
 */
export const setPassword = (
  id: string,
  data: Readonly<{ passwordHash: string; mustChangePassword: boolean; sessionsValidAfter: Date }>,
  db: Db = getDb(),
): Promise<UserRecord> => db.user.update({ where: { id }, data, select: USER_SELECT });

/** Ends every session of the user signed in before `at`. */
export const setSessionsValidAfter = (id: string, at: Date, db: Db = getDb()): Promise<UserRecord> =>
  db.user.update({ where: { id }, data: { sessionsValidAfter: at }, select: USER_SELECT });

export type CreateUserData = Readonly<{ email: string; name: string; role: UserRecord["role"]; passwordHash: string }>;

/** Two admins racing on the same email: the unique index decides, as a 409. */
export const createUser = (data: CreateUserData, db: Db = getDb()): Promise<UserRecord> =>
  withConflict(
    () => db.user.create({ data, select: USER_SELECT }),
    () => userEmailTaken(data.email),
  );

/** Creates the user only while the table is empty (first-run setup), atomically. Null if a user exists. */
export const createFirstUser = (data: CreateUserData, db: Db = getDb()): Promise<UserRecord | null> =>
  db.$transaction(async (tx) => {
    // One lock for concurrent setup submissions: the second sees the first user and gives up.
    // A fragment: an advisory lock is a function call, not a table the builder knows (selected FROM it: Prisma's raw path cannot read a void column); transaction-sql.ts says why not tx.$kysely.
    await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(7215301)`);
    if ((await tx.user.count()) > 0) return null;
    return tx.user.create({ data, select: USER_SELECT });
  });

export const upsertUserByEmail = (data: CreateUserData, db: Db = getDb()): Promise<UserRecord> =>
  db.user.upsert({
    where: { email: data.email },
    create: data,
    update: { role: data.role, passwordHash: data.passwordHash, disabled: false },
    select: USER_SELECT,
  });

export type UpdateUserData = Partial<Readonly<{ name: string; role: UserRecord["role"]; disabled: boolean }>>;

export const updateUser = (id: string, data: UpdateUserData, db: Db = getDb()): Promise<UserRecord> => db.user.update({ where: { id }, data, select: USER_SELECT });

/** Emails of portal users by id, to show who did something (e.g. set a posture override). */
export const findUserEmails = async (ids: readonly string[], db: Db = getDb()): Promise<Map<string, string>> =>
  new Map((await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));

export const countActiveAdmins = (db: Db = getDb()): Promise<number> => db.user.count({ where: { role: "admin", disabled: false } });

export const touchLastLogin = async (id: string, at: Date, db: Db = getDb()): Promise<void> => {
  await db.user.update({ where: { id }, data: { lastLoginAt: at }, select: { id: true } });
};
