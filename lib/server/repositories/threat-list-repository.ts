import { getDb } from "../db";

export type ThreatListRecord = Readonly<{ tag: string; source: string; listDate: Date | null; cidrs: string[]; uploadedAt: Date }>;

const SELECT = { tag: true, source: true, listDate: true, cidrs: true, uploadedAt: true } as const;

/** Uploaded lists, which replace the built-in list of the same tag. */
export const listUploadedThreatLists = (): Promise<ThreatListRecord[]> => getDb().threatList.findMany({ select: SELECT, orderBy: { tag: "asc" } });

/** Entry counts without the (possibly long) CIDR arrays. */
export const listThreatListSummaries = async (): Promise<{ tag: string; source: string; listDate: Date | null; uploadedAt: Date; entryCount: number }[]> =>
  getDb().$queryRaw`SELECT tag, source, list_date AS "listDate", uploaded_at AS "uploadedAt", cardinality(cidrs)::int AS "entryCount" FROM threat_lists ORDER BY tag`;

export const upsertThreatList = (data: Readonly<{ tag: string; source: string; listDate: Date | null; cidrs: string[]; uploadedById: string | null }>) =>
  getDb().threatList.upsert({
    where: { tag: data.tag },
    create: data,
    update: { ...data, uploadedAt: new Date() },
    select: { tag: true, uploadedAt: true },
  });

export const deleteThreatList = async (tag: string): Promise<boolean> => (await getDb().threatList.deleteMany({ where: { tag } })).count > 0;
