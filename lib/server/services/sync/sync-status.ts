import type { ConnectorRecord } from "../../repositories/connector-repository";
import { appendConnectorEvent, updateConnector, type ConnectorPatch } from "../../repositories/connector-repository";

type Status = ConnectorRecord["status"];

/** Updates the connector and writes a history entry when the status (or its reason) changes. */
export const setSyncStatus = async (connector: Pick<ConnectorRecord, "id" | "status" | "statusDetail">, status: Status, patch: ConnectorPatch & { statusDetail?: string | null } = {}) => {
  await updateConnector(connector.id, { ...patch, status });
  const detail = patch.statusDetail === undefined ? connector.statusDetail : patch.statusDetail;
  if (status !== connector.status || detail !== connector.statusDetail) {
    await appendConnectorEvent({ connectorId: connector.id, kind: "status_changed", status, detail: detail ?? undefined });
  }
};

const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 5 minutes. */
export const backoffMs = (failures: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};
