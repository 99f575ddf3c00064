import { AppError } from "../../../shared/errors";
import type { TConnectorDto } from "../../../shared/schemas/connectors";
import { appendConnectorEvent, deleteConnectorCounting, findConnectorRecord, updateConnector } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
import { auditConnector } from "./audit-connector";
import { getConnectorOrThrow } from "./get-connectors";

const findOrThrow = async (id: string) => {
  const record = await findConnectorRecord(id);
  if (!record) throw new AppError("not_found", "Connector not found");
  return record;
};

/** Pauses (Disabled) or resumes a connector. Resuming syncs from the stored cursor: nothing is skipped. */
export const setConnectorEnabled = async (options: Readonly<{ actor: Principal; id: string; enabled: boolean }>): Promise<TConnectorDto> => {
  const { actor, id, enabled } = options;
  const record = await findOrThrow(id);
  const isDisabled = record.status === "disabled";
  if (enabled === !isDisabled) return getConnectorOrThrow(id);
  const status = enabled ? (record.initialSyncDoneAt ? "connected" : "syncing") : "disabled";
  await updateConnector(id, { status, statusDetail: enabled ? null : `Paused by ${actor.email}`, nextRetryAt: null, failureCount: 0, isCaughtUp: false });
  await appendConnectorEvent({ connectorId: id, kind: enabled ? "enabled" : "disabled", status, actorEmail: actor.email });
  await auditConnector(actor, enabled ? "connector.enabled" : "connector.disabled", record, { orgId: record.orgId });
  return getConnectorOrThrow(id);
};

/** Asks the worker to poll now (it picks this up within seconds). */
export const requestSync = async (options: Readonly<{ actor: Principal; id: string }>): Promise<TConnectorDto> => {
  const record = await findOrThrow(options.id);
  if (record.status === "disabled") throw new AppError("conflict", "The connector is disabled: enable it first");
  await updateConnector(options.id, { nextRetryAt: null, isCaughtUp: false });
  await appendConnectorEvent({ connectorId: options.id, kind: "sync_requested", actorEmail: options.actor.email });
  await auditConnector(options.actor, "connector.sync_requested", record, { orgId: record.orgId });
  return getConnectorOrThrow(options.id);
};

export type TConnectorDeleted = Readonly<{ deleted: true; activitiesDeleted: number; alertsDeleted: number; governanceActionsDeleted: number }>;

/**
 * Deletes the connector and, with it, its stored activities, alerts, governance log, users, domains and
 * policies. The portal audit row (which outlives them) says how many activities, alerts and governance
 * entries went.
 */
export const deleteConnector = async (options: Readonly<{ actor: Principal; id: string }>): Promise<TConnectorDeleted> => {
  const record = await findOrThrow(options.id);
  const removed = await deleteConnectorCounting(options.id);
  if (!removed) throw new AppError("not_found", "Connector not found");
  const result = { activitiesDeleted: removed.activities, alertsDeleted: removed.alerts, governanceActionsDeleted: removed.governanceActions };
  await auditConnector(options.actor, "connector.deleted", record, { orgId: record.orgId, baseUrl: record.baseUrl, ...result });
  return { deleted: true, ...result };
};
