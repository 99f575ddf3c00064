import { sql } from "kysely";
import { getDb, type Db } from "../db";
import { queryInTransaction } from "./transaction-sql";

/** Failures since `since` for the email and for the IP, with the oldest of each (to tell when the window frees up). */
export const countRecentLoginFailures = async (email: string, ip: string, since: Date, db: Db = getDb()) => {
  const [byEmail, byIp] = await Promise.all([
    db.loginFailure.aggregate({ where: { email, at: { gte: since } }, _count: { _all: true }, _min: { at: true } }),
    db.loginFailure.aggregate({ where: { ip, at: { gte: since } }, _count: { _all: true }, _min: { at: true } }),
  ]);
  return {
    email: { count: byEmail._count._all, oldest: byEmail._min.at },
    ip: { count: byIp._count._all, oldest: byIp._min.at },
  };
};

/** A successful sign-in clears that email's failures; old rows are pruned by the worker. */
export const clearLoginFailures = async (email: string, db: Db = getDb()): Promise<void> => {
  await db.loginFailure.deleteMany({ where: { email } });
};

export const pruneLoginFailures = async (before: Date, db: Db = getDb()): Promise<number> =>
  (await db.loginFailure.deleteMany({ where: { at: { lt: before } } })).count;

export type LoginFailureCounts = Awaited<ReturnType<typeof countRecentLoginFailures>>;

// Two-key advisory lock spaces (distinct from the one-key locks used elsewhere): 1 = email, 2 = IP.
const EMAIL_LOCK = 1;
const IP_LOCK = 2;

/**
 * Counts the failures of an email and of an IP and, when `isAllowed` says so, inserts a row for this
 * attempt before the password is checked. One transaction holding an advisory lock per email and per IP
 * (email first, so two attempts never wait on each other crosswise): concurrent attempts are counted one
 * after the other, so a burst cannot get more password checks than the limit. The row stays as the failure
 * if the password is wrong; a success clears the email's rows.
 */
export const reserveLoginAttempt = async (
  options: Readonly<{ email: string; ip: string; since: Date; at: Date; isAllowed: (counts: LoginFailureCounts) => boolean }>,
  db: Db = getDb(),
): Promise<{ counts: LoginFailureCounts; attemptId: bigint | null }> =>
  db.$transaction(
    async (tx) => {
      // Fragments: advisory locks are function calls, not tables the builder knows (selected FROM them: Prisma's raw path cannot read a void column); transaction-sql.ts says why not tx.$kysely.
      await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${EMAIL_LOCK}::int, hashtext(${options.email}))`);
      await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${IP_LOCK}::int, hashtext(${options.ip}))`);
      const [byEmail, byIp] = await Promise.all([
        tx.loginFailure.aggregate({ where: { email: options.email, at: { gte: options.since } }, _count: { _all: true }, _min: { at: true } }),
        tx.loginFailure.aggregate({ where: { ip: options.ip, at: { gte: options.since } }, _count: { _all: true }, _min: { at: true } }),
      ]);
      const counts = { email: { count: byEmail._count._all, oldest: byEmail._min.at }, ip: { count: byIp._count._all, oldest: byIp._min.at } };
      if (!options.isAllowed(counts)) return { counts, attemptId: null };
      const row = await tx.loginFailure.create({ data: { email: options.email, ip: options.ip, at: options.at }, select: { id: true } });
      return { counts, attemptId: row.id };
    },
    // A burst queues here for the pool and the locks; each transaction itself takes milliseconds.
    { maxWait: 15_000, timeout: 15_000 },
  );

/** Gives back a reserved attempt whose password was never checked (e.g. next-auth refused the CSRF token). */
export const releaseLoginAttempt = async (id: bigint, db: Db = getDb()): Promise<void> => {
  await db.loginFailure.deleteMany({ where: { id } });
};
