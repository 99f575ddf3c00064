import type { Logger } from "../../logger";
import { listConnectorsDueForPosture } from "../../repositories/connector-repository";
import { evaluateConnectorPosture } from "./evaluate-connector-posture";

/** Sync hook: re-evaluates after a pass that re-read the directory. Never fails the sync. */
export const recomputePostureAfterSync = async (options: Readonly<{ connectorId: string; logger: Logger }>): Promise<void> => {
  try {
    const result = await evaluateConnectorPosture({ connectorId: options.connectorId, trigger: "policy_sync" });
    if (result.regressions.length > 0) options.logger.info({ connectorId: options.connectorId, regressions: result.regressions }, "posture regressed");
  } catch (error) {
    options.logger.warn({ err: error, connectorId: options.connectorId }, "posture evaluation after sync failed; the posture job retries");
  }
};

/** Safety net (posture job): evaluates every connector whose directory sync is newer than its latest evaluation. */
export const recomputeDuePosture = async (options: Readonly<{ logger: Logger }>): Promise<number> => {
  const due = await listConnectorsDueForPosture();
  for (const connectorId of due) await recomputePostureAfterSync({ connectorId, logger: options.logger });
  return due.length;
};
