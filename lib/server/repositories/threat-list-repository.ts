import { getDb, type Db } from "../db";

export type ThreatListRecord = Readonly<{ tag: string; source: string; listDate: Date | null; cidrs: string[]; uploadedAt: Date }>;

const SELECT = { tag: true, source: true, listDate: true, cidrs: true, uploadedAt: true } as const;

/** Uploaded lists, which replace the built-in list of the same tag. */
export const listUploadedThreatLists = (db: Db = getDb()): Promise<ThreatListRecord[]> => db.threatList.findMany({ select: SELECT, orderBy: { tag: "asc" } });

/** Entry counts without the (possibly long) CIDR arrays. */
export const listThreatListSummaries = (db: Db = getDb()) =>
  db.$kysely
    .selectFrom("threat_lists")
    .select((eb) => ["tag", "source", "list_date as listDate", "uploaded_at as uploadedAt", eb.cast<number>(eb.fn("cardinality", ["cidrs"]), "integer").as("entryCount")])
    .orderBy("tag")
    .execute();

export const upsertThreatList = (data: Readonly<{ tag: string; source: string; listDate: Date | null; cidrs: string[]; uploadedById: string | null }>, db: Db = getDb()) =>
  db.threatList.upsert({
    where: { tag: data.tag },
    create: data,
    update: { ...data, uploadedAt: new Date() },
    select: { tag: true, uploadedAt: true },
  });

export const deleteThreatList = async (tag: string, db: Db = getDb()): Promise<boolean> => (await db.threatList.deleteMany({ where: { tag } })).count > 0;
