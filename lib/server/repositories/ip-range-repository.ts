import { findOverlaps, parseCidr, type TCidr } from "../../enrichment/cidr";
import { Prisma } from "../../generated/prisma/client";
import type { TIpCategory } from "../../shared/schemas/policies";
import { getDb } from "../db";

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

export class IpRangeNameTakenError extends Error {}

// A Json column is cleared with DbNull (`{set: null}` would be stored as that JSON object).
const toJson = (location: Record<string, unknown> | null) => (location === null ? { location: Prisma.DbNull } : { location: location as Prisma.InputJsonValue });

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

const checkNoOverlap = async (tx: Tx, cidrs: readonly string[], exceptId: string | null) => {
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

const withLock = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
  getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IP_RANGE_LOCK})`;
    try {
      return await fn(tx);
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "P2002") throw new IpRangeNameTakenError("name");
      throw error;
    }
  });

export const listIpRanges = (): Promise<IpRangeRecord[]> => getDb().ipRange.findMany({ select: SELECT, orderBy: { name: "asc" } });

export const findIpRange = (id: string): Promise<IpRangeRecord | null> => getDb().ipRange.findUnique({ where: { id }, select: SELECT });

/** Creates a range after checking, under a lock, that none of its CIDRs overlaps another range. */
export const createIpRange = (data: IpRangeData & { createdById: string | null }): Promise<IpRangeRecord> =>
  withLock(async (tx) => {
    await checkNoOverlap(tx, data.cidrs, null);
    return tx.ipRange.create({ data: { ...data, ...toJson(data.location) } as Prisma.IpRangeCreateInput, select: SELECT });
  });

export const updateIpRange = (id: string, data: Partial<IpRangeData>): Promise<IpRangeRecord> =>
  withLock(async (tx) => {
    if (data.cidrs) await checkNoOverlap(tx, data.cidrs, id);
    const { location, ...rest } = data;
    return tx.ipRange.update({ where: { id }, data: { ...rest, ...(location !== undefined ? toJson(location) : {}) } as Prisma.IpRangeUpdateInput, select: SELECT });
  });

export const deleteIpRange = async (id: string): Promise<boolean> => (await getDb().ipRange.deleteMany({ where: { id } })).count > 0;

/** Cheap change stamp of the ranges and threat lists, polled by the enrichment cache. */
export const readEnrichmentStamp = async (): Promise<string> => {
  const rows = await getDb().$queryRaw<{ stamp: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) FROM ip_ranges), (SELECT max(updated_at) FROM ip_ranges),
      (SELECT count(*) FROM threat_lists), (SELECT max(uploaded_at) FROM threat_lists)) AS stamp`;
  return rows[0]?.stamp ?? "";
};
