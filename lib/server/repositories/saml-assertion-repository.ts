import { getDb, type Db } from "../db";

// saml_assertions: assertion IDs already used to sign in, until they expire, so that a replay is refused.

/**
 * Records the assertion as used; false when it already was (a replay). The primary key decides, so two web
 * processes receiving the same assertion at once cannot both accept it.
 */
export const rememberSamlAssertion = async (data: Readonly<{ issuer: string; id: string; notOnOrAfter: Date }>, db: Db = getDb()): Promise<boolean> =>
  (await db.samlAssertion.createMany({ data: [data], skipDuplicates: true })).count === 1;

export const forgetSamlAssertionsBefore = async (before: Date, db: Db = getDb()): Promise<number> =>
  (await db.samlAssertion.deleteMany({ where: { notOnOrAfter: { lt: before } } })).count;

export const isSamlAssertionRemembered = async (issuer: string, id: string, db: Db = getDb()): Promise<boolean> =>
  (await db.samlAssertion.count({ where: { issuer, id } })) > 0;
