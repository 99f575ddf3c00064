import { AppError } from "../../../shared/errors";
import type { TConnectorDto } from "../../../shared/schemas/connectors";
import { appendConnectorEvent, deleteConnectorRecord, findConnectorRecord, updateConnector } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
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
  return getConnectorOrThrow(id);
};

/** Asks the worker to poll now (it picks this up within seconds). */
export const requestSync = async (options: Readonly<{ actor: Principal; id: string }>): Promise<TConnectorDto> => {
  const record = await findOrThrow(options.id);
  if (record.status === "disabled") throw new AppError("conflict", "The connector is disabled: enable it first");
  await updateConnector(options.id, { nextRetryAt: null, isCaughtUp: false });
  await appendConnectorEvent({ connectorId: options.id, kind: "sync_requested", actorEmail: options.actor.email });
  return getConnectorOrThrow(options.id);
};

/** Deletes the connector and, with it, its stored activities, users, domains and policies. */
export const deleteConnector = async (options: Readonly<{ actor: Principal; id: string }>): Promise<{ deleted: true; activitiesDeleted: number }> => {
  const record = await findOrThrow(options.id);
  await deleteConnectorRecord(options.id);
  return { deleted: true, activitiesDeleted: Number(record.activitiesStored) };
};
