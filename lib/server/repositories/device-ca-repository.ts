import { sql } from "kysely";
import { getDb, type Db } from "../db";
import { ConflictError, withConflict } from "./persistence-errors";
import { queryInTransaction } from "./transaction-sql";

/** The PEM certificates of every trusted device CA (Watchpost's own and uploaded ones), for the proxy's TLS `ca`. */
export const listTrustedCaPems = async (db: Db = getDb()): Promise<string[]> =>
  (await db.deviceCa.findMany({ select: { certPem: true }, orderBy: { createdAt: "asc" } })).map((r) => r.certPem);

export type TDeviceCaRecord = Readonly<{
  id: string;
  kind: string;
  name: string;
  certPem: string;
  subject: string;
  fingerprint256: string;
  notAfter: Date;
  createdAt: Date;
}>;

export type TNewDeviceCa = Readonly<{
  id: string;
  kind: "watchpost" | "uploaded";
  name: string;
  certPem: string;
  keyCiphertext: string | null;
  subject: string;
  fingerprint256: string;
  notAfter: Date;
  createdById: string | null;
}>;

const CA_SELECT = { id: true, kind: true, name: true, certPem: true, subject: true, fingerprint256: true, notAfter: true, createdAt: true } as const;

// One-key advisory lock (7_215_301.._307 are taken): two first uses at once create one Watchpost CA, not two.
const WATCHPOST_CA_LOCK = 7_215_308;

/** Trusted CAs, Watchpost's own first. */
export const listDeviceCas = (db: Db = getDb()): Promise<TDeviceCaRecord[]> =>
  db.deviceCa.findMany({ select: CA_SELECT, orderBy: [{ kind: "desc" }, { createdAt: "asc" }] });

export const findDeviceCa = (id: string, db: Db = getDb()): Promise<TDeviceCaRecord | null> => db.deviceCa.findUnique({ where: { id }, select: CA_SELECT });

/** Watchpost's own CA with its encrypted key (never leaves the services layer), or null before first use. */
export const findWatchpostCa = (db: Db = getDb()): Promise<(TDeviceCaRecord & { keyCiphertext: string | null }) | null> =>
  db.deviceCa.findFirst({ where: { kind: "watchpost" }, select: { ...CA_SELECT, keyCiphertext: true }, orderBy: { createdAt: "asc" } });

/**
 * Stores Watchpost's CA unless another process stored one first (under a lock); returns the one in force.
 * `create` is called only when none exists, so a losing process throws its fresh key away unused.
 */
export const ensureWatchpostCa = (create: () => TNewDeviceCa, db: Db = getDb()) =>
  db.$transaction(async (tx) => {
    // A fragment: an advisory lock is a function call (transaction-sql.ts says why not tx.$kysely).
    await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${WATCHPOST_CA_LOCK})`);
    const existing = await tx.deviceCa.findFirst({ where: { kind: "watchpost" }, select: { ...CA_SELECT, keyCiphertext: true }, orderBy: { createdAt: "asc" } });
    if (existing) return { ca: existing, isNew: false };
    const ca = await tx.deviceCa.create({ data: create(), select: { ...CA_SELECT, keyCiphertext: true } });
    return { ca, isNew: true };
  });

/** An uploaded CA; the same certificate twice is a 409 (fingerprint256 is unique). */
export const insertDeviceCa = (data: TNewDeviceCa, db: Db = getDb()): Promise<TDeviceCaRecord> =>
  withConflict(
    () => db.deviceCa.create({ data, select: CA_SELECT }),
    () => new ConflictError("This CA certificate is already trusted", "pem"),
  );

/** Removes an uploaded CA; false when there is none by that id (Watchpost's own is never removed here). */
export const deleteUploadedCa = async (id: string, db: Db = getDb()): Promise<boolean> =>
  (await db.deviceCa.deleteMany({ where: { id, kind: "uploaded" } })).count > 0;
