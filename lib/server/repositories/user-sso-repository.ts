import type { TRole } from "../../shared/roles";
import { getDb, type Db } from "../db";
import { userEmailTaken } from "./user-repository";
import { withConflict } from "./persistence-errors";

// The users table's single sign-on columns (sso_issuer, sso_subject, break_glass); user-repository.ts has the rest.

const SSO_USER_SELECT = { id: true, email: true, name: true, role: true, disabled: true, ssoIssuer: true, ssoSubject: true, breakGlass: true } as const;

export type TSsoUserRecord = Readonly<{
  id: string;
  email: string;
  name: string;
  role: TRole;
  disabled: boolean;
  ssoIssuer: string | null;
  ssoSubject: string | null;
  breakGlass: boolean;
}>;

export const findUserBySsoSubject = (issuer: string, subject: string, db: Db = getDb()): Promise<TSsoUserRecord | null> =>
  db.user.findUnique({ where: { ssoIssuer_ssoSubject: { ssoIssuer: issuer, ssoSubject: subject } }, select: SSO_USER_SELECT });

export const findSsoUserByEmail = (email: string, db: Db = getDb()): Promise<TSsoUserRecord | null> => db.user.findUnique({ where: { email }, select: SSO_USER_SELECT });

export const findSsoUserById = (id: string, db: Db = getDb()): Promise<TSsoUserRecord | null> => db.user.findUnique({ where: { id }, select: SSO_USER_SELECT });

/** A user created by their first single sign-on. `passwordHash` is not an argon2 hash, so no password ever matches it. */
export const createSsoUser = (
  data: Readonly<{ email: string; name: string; role: TRole; ssoIssuer: string; ssoSubject: string; passwordHash: string }>,
  db: Db = getDb(),
): Promise<TSsoUserRecord> => withConflict(() => db.user.create({ data, select: SSO_USER_SELECT }), () => userEmailTaken(data.email));

/** Binds an existing user to the IdP subject (first SSO sign-in of a user an admin created), and/or sets the role. */
export const updateSsoUser = (
  id: string,
  data: Readonly<{ role?: TRole; name?: string; ssoIssuer?: string; ssoSubject?: string }>,
  db: Db = getDb(),
): Promise<TSsoUserRecord> => db.user.update({ where: { id }, data, select: SSO_USER_SELECT });

export const setBreakGlass = (id: string, breakGlass: boolean, db: Db = getDb()): Promise<TSsoUserRecord> =>
  db.user.update({ where: { id }, data: { breakGlass }, select: SSO_USER_SELECT });

export const listBreakGlassUsers = (db: Db = getDb()): Promise<TSsoUserRecord[]> =>
  db.user.findMany({ where: { breakGlass: true }, select: SSO_USER_SELECT, orderBy: { email: "asc" } });

export const countBreakGlassAdmins = (db: Db = getDb()): Promise<number> => db.user.count({ where: { breakGlass: true, role: "admin", disabled: false } });
