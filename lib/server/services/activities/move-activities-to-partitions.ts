import {
  copyActivitiesBatch,
  ensureActivityPartition,
  finishActivitiesMove,
  listLegacyMonths,
  readActivitiesMove,
  type TPartitionSql,
} from "../../repositories/activity-partition-repository";

export type MoveActivitiesOptions = Readonly<{
  /** Rows per transaction. */
  batchSize?: number;
  /** Stop after this long (the maintenance job's budget); the next run resumes. Unbounded when absent. */
  budgetMs?: number;
  onProgress?: (copied: number) => void;
  /** Another database than the app's (the tests' legacy-shaped one). */
  db?: TPartitionSql;
}>;

export type MoveActivitiesResult = Readonly<{ status: "not_needed" | "in_progress" | "done"; copied: number; totalCopied: number }>;

/**
 * Moves an unpartitioned activities table into its partitioned successor (migration
 * 20261207200000_partition_activities): the partitions of every month the table holds, then batches in seq order
 * (each one transaction with its progress, so a kill resumes where it stopped), then the swap under a short lock
 * once the batches have caught up. The app reads and writes the live table all along (writes are mirrored by a
 * trigger). Run by `npm run db:partition-activities` or, a few minutes at a time, by the maintenance job.
 */
export const moveActivitiesToPartitions = async (options: MoveActivitiesOptions = {}): Promise<MoveActivitiesResult> => {
  const { db } = options;
  const state = await readActivitiesMove(db);
  if (!state) return { status: "not_needed", copied: 0, totalCopied: 0 };
  const batchSize = options.batchSize ?? 20_000;
  const deadline = options.budgetMs === undefined ? Infinity : Date.now() + options.budgetMs;
  for (const month of await listLegacyMonths(db)) await ensureActivityPartition(month, db);
  let copied = 0;
  for (;;) {
    const batch = await copyActivitiesBatch(batchSize, db);
    copied += batch.read;
    options.onProgress?.(state.rowsCopied + copied);
    if (batch.read < batchSize) break;
    if (Date.now() >= deadline) return { status: "in_progress", copied, totalCopied: state.rowsCopied + copied };
  }
  const total = await finishActivitiesMove(db);
  return { status: "done", copied, totalCopied: total };
};
