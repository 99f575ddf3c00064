import {
  ensureActivityPartition,
  findEarliestSyncFrom,
  listActivityPartitions,
  listDefaultPartitionMonths,
} from "../../repositories/activity-partition-repository";

/** Months of partitions created ahead of the current one (the maintenance job runs hourly: one is enough, three is slack). */
export const ACTIVITY_PARTITION_MONTHS_AHEAD = 3;

export type MaintainActivityPartitionsOptions = Readonly<{
  now: Date;
  monthsAhead?: number;
  /** Activities retention's cutoff: no empty partition is created for months retention would drop again. */
  retainFrom?: Date;
}>;

export type MaintainActivityPartitionsResult = Readonly<{ created: string[]; movedFromDefault: number }>;

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, months: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));

/**
 * The maintenance job's part (hourly): the partitions from the earliest connector backfill start to `monthsAhead`
 * months past `now`, and a partition for every month that has rows in the default partition, which moves them
 * there. Events outside the partitions (history older than any backfill, a skewed clock) are stored in the default
 * partition meanwhile: ingestion never fails or waits on DDL. Idempotent, and safe with two workers (an advisory lock
 * serializes the DDL).
 */
export const maintainActivityPartitions = async (options: MaintainActivityPartitionsOptions): Promise<MaintainActivityPartitionsResult> => {
  const existing = await listActivityPartitions();
  const before = new Set(existing.map((p) => p.name));
  const defaultRows = existing.find((p) => p.isDefault)?.estimatedRows ?? 0;
  const synced = (await findEarliestSyncFrom()) ?? options.now;
  const earliest = options.retainFrom && options.retainFrom > synced ? options.retainFrom : synced;
  const first = monthStart(earliest < options.now ? earliest : options.now);
  const last = addMonths(options.now, options.monthsAhead ?? ACTIVITY_PARTITION_MONTHS_AHEAD);
  const months = [...(await listDefaultPartitionMonths())];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  const created: string[] = [];
  for (const month of months) {
    const name = await ensureActivityPartition(month);
    if (!before.has(name) && !created.includes(name)) created.push(name);
  }
  const after = (await listActivityPartitions()).find((p) => p.isDefault)?.estimatedRows ?? 0;
  return { created, movedFromDefault: Math.max(0, defaultRows - after) };
};
