import { rebuildConnectorRollups, syncRollupCursors } from "../../repositories/rollup-repository";

/**
 * Recomputes the rollups from the activities table, for one connector or all (benchmarks, repairs after a
 * bulk load that bypassed the worker). Incremental updates then continue from where the rebuild stopped.
 */
export const rebuildRollups = async (connectorId?: string): Promise<{ activities: number; connectors: number }> => {
  const { connectorIds } = await syncRollupCursors();
  const targets = connectorId ? [connectorId] : connectorIds;
  let activities = 0;
  for (const id of targets) activities += (await rebuildConnectorRollups(id)).activities;
  return { activities, connectors: targets.length };
};
