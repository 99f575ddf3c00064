import { findOverlaps, parseCidr, type TCidr } from "../../enrichment/cidr";
import { Prisma } from "../../generated/prisma/client";
import type { TIpCategory } from "../../shared/schemas/policies";
import { sql } from "kysely";
import { getDb, type Db, type DbTransaction } from "../db";
import { queryInTransaction } from "./transaction-sql";
import { ConflictError, withConflict } from "./persistence-errors";

// One lock for every IP range write: the overlap check and the write are atomic across requests.
const IP_RANGE_LOCK = 7_215_306;

const SELECT = { id: true, name: true, category: true, tags: true, cidrs: true, location: true, expiresAt: true, createdAt: true, updatedAt: true } as const;

export type IpRangeRecord = Readonly<{
  id: string;
  name: string;
  category: TIpCategory;
  tags: string[];
  cidrs: string[];
  location: Prisma.JsonValue;
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}>;

export type IpRangeData = Readonly<{
  name: string;
  category: TIpCategory;
  tags: string[];
  cidrs: string[];
  location: Record<string, unknown> | null;
  expiresAt: Date | null;
}>;

/** A CIDR of the written range that overlaps one of another range. */
export class IpRangeOverlapError extends Error {
  constructor(
    readonly cidr: string,
    readonly otherCidr: string,
    readonly otherName: string,
  ) {
    super(`CIDR ${cidr} overlaps ${otherCidr} of the range "${otherName}"`);
  }
}

/** Range names are unique (ip_ranges.name): a taken name is a 409 on the name field. */
const nameTaken = () => new ConflictError("Another IP range already has this name", "name");

// A Json column is cleared with DbNull (`{set: null}` would be stored as that JSON object).
const toJson = (location: Record<string, unknown> | null) => (location === null ? { location: Prisma.DbNull } : { location: location as Prisma.InputJsonValue });

const checkNoOverlap = async (tx: DbTransaction, cidrs: readonly string[], exceptId: string | null) => {
  const others = await tx.ipRange.findMany({ where: exceptId ? { id: { not: exceptId } } : {}, select: { name: true, cidrs: true } });
  const owner = new Map<TCidr, string | null>();
  for (const other of others) for (const text of other.cidrs) {
    const cidr = parseCidr(text);
    if (cidr) owner.set(cidr, other.name);
  }
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (cidr) owner.set(cidr, null);
  }
  for (const [a, b] of findOverlaps([...owner.keys()])) {
    const [mine, theirs] = owner.get(a) === null ? [a, b] : [b, a];
    const theirName = owner.get(theirs);
    if (owner.get(mine) === null && theirName) throw new IpRangeOverlapError(mine.canonical, theirs.canonical, theirName);
  }
};

const withLock = <T>(db: Db, fn: (tx: DbTransaction) => Promise<T>): Promise<T> =>
  withConflict(
    () =>
      db.$transaction(async (tx) => {
        // A fragment: an advisory lock is a function call, not a table the builder knows (selected FROM it: Prisma's raw path cannot read a void column); transaction-sql.ts says why not tx.$kysely.
        await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(${IP_RANGE_LOCK})`);
        return fn(tx);
      }),
    nameTaken,
  );

export const listIpRanges = (db: Db = getDb()): Promise<IpRangeRecord[]> => db.ipRange.findMany({ select: SELECT, orderBy: { name: "asc" } });

export const findIpRange = (id: string, db: Db = getDb()): Promise<IpRangeRecord | null> => db.ipRange.findUnique({ where: { id }, select: SELECT });

/** Creates a range after checking, under a lock, that none of its CIDRs overlaps another range. */
export const createIpRange = (data: IpRangeData & { createdById: string | null }, db: Db = getDb()): Promise<IpRangeRecord> =>
  withLock(db, async (tx) => {
    await checkNoOverlap(tx, data.cidrs, null);
    return tx.ipRange.create({ data: { ...data, ...toJson(data.location) } as Prisma.IpRangeCreateInput, select: SELECT });
  });

export const updateIpRange = (id: string, data: Partial<IpRangeData>, db: Db = getDb()): Promise<IpRangeRecord> =>
  withLock(db, async (tx) => {
    if (data.cidrs) await checkNoOverlap(tx, data.cidrs, id);
    const { location, ...rest } = data;
    return tx.ipRange.update({ where: { id }, data: { ...rest, ...(location !== undefined ? toJson(location) : {}) } as Prisma.IpRangeUpdateInput, select: SELECT });
  });

export const deleteIpRange = async (id: string, db: Db = getDb()): Promise<boolean> => (await db.ipRange.deleteMany({ where: { id } })).count > 0;

/** Cheap change stamp of the ranges and threat lists, polled by the enrichment cache. */
export const readEnrichmentStamp = async (db: Db = getDb()): Promise<string> => {
  const row = await db.$kysely
    .selectNoFrom((eb) =>
      eb
        .fn<string>("concat_ws", [
          sql.lit("|"),
          eb.selectFrom("ip_ranges").select((s) => s.fn.countAll().as("n")),
          eb.selectFrom("ip_ranges").select((s) => s.fn.max("updated_at").as("t")),
          eb.selectFrom("threat_lists").select((s) => s.fn.countAll().as("n")),
          eb.selectFrom("threat_lists").select((s) => s.fn.max("uploaded_at").as("t")),
        ])
        .as("stamp"),
    )
    .executeTakeFirst();
  return row?.stamp ?? "";
};
