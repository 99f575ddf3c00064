import { requestDirectoryResync } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
import { evaluateConnectorPosture } from "./evaluate-connector-posture";
import { getPostureConnectorOrThrow } from "./list-recommendations";

/**
 * On-demand refresh. A connector that syncs gets its users, domains and policies re-read by the next sync
 * pass (within seconds), which then re-evaluates: progress shows in GET /secure-score `refresh.phase`.
 * A paused or failed connector cannot sync, so its stored data is re-evaluated at once.
 */
export const refreshPosture = async (options: Readonly<{ actor: Principal; connectorId: string }>) => {
  const connector = await getPostureConnectorOrThrow(options.connectorId);
  if (connector.status === "disabled" || connector.status === "error") {
    const result = await evaluateConnectorPosture({ connectorId: connector.id, trigger: "manual" });
    return { connectorId: connector.id, phase: "idle" as const, evaluatedAt: result.at.toISOString() };
  }
  await requestDirectoryResync(connector.id);
  return { connectorId: connector.id, phase: "syncing" as const, evaluatedAt: null };
};
