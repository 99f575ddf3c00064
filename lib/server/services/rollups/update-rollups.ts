import { applyRollupBatch, syncRollupCursors } from "../../repositories/rollup-repository";

export const ROLLUP_BATCH_SIZE = 5_000;

export type UpdateRollupsOptions = Readonly<{
  /** Only this connector (tests, tools); default every connector. */
  connectorId?: string;
  batchSize?: number;
  /** Stop starting new batches after this long, so one job never runs away. */
  budgetMs?: number;
}>;

export type UpdateRollupsResult = Readonly<{ activities: number; batches: number; busyConnectors: number; isCaughtUp: boolean }>;

/**
 * Brings the dashboard rollups up to date with the stored activities: per connector, batches of
 * `seq > cursor` until none is left (or the budget is spent). Safe to run in several workers at once.
 */
export const updateRollups = async (options: UpdateRollupsOptions = {}): Promise<UpdateRollupsResult> => {
  const batchSize = options.batchSize ?? ROLLUP_BATCH_SIZE;
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  const { connectorIds } = await syncRollupCursors();
  const targets = options.connectorId ? connectorIds.filter((id) => id === options.connectorId) : connectorIds;
  let activities = 0;
  let batches = 0;
  let busyConnectors = 0;
  let isCaughtUp = true;
  for (const connectorId of targets) {
    for (;;) {
      if (Date.now() > deadline) {
        isCaughtUp = false;
        break;
      }
      const result = await applyRollupBatch(connectorId, batchSize);
      if (result.status === "busy") busyConnectors++;
      if (result.status !== "applied") break;
      activities += result.activities;
      batches++;
    }
  }
  return { activities, batches, busyConnectors, isCaughtUp };
};
