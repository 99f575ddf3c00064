import { AppError } from "../../../shared/errors";
import type { TQuarantinedEventDto, TQuarantinePage, TQuarantineQuery } from "../../../shared/schemas/quarantine";
import { findConnectorRecord } from "../../repositories/connector-repository";
import { countQuarantinedEvents, listQuarantinedEvents, type QuarantinedEventSummary } from "../../repositories/quarantine-repository";

export type ListQuarantinedEventsOptions = Readonly<{ connectorId: string; query: TQuarantineQuery }>;

export const toQuarantinedEventDto = (row: QuarantinedEventSummary): TQuarantinedEventDto => ({
  id: row.id.toString(),
  eventId: row.eventId,
  reason: row.reason,
  firstSeenAt: row.firstSeenAt.toISOString(),
  lastSeenAt: row.lastSeenAt.toISOString(),
  seenCount: row.seenCount,
  rawBytes: row.rawBytes,
  rawTruncated: row.rawTruncated,
});

/** A page of the connector's quarantined events (events of an unexpected shape), newest first; 404 for an unknown connector. */
export const listQuarantinedEventsOfConnector = async ({ connectorId, query }: ListQuarantinedEventsOptions): Promise<TQuarantinePage> => {
  if (!(await findConnectorRecord(connectorId))) throw new AppError("not_found", "Connector not found");
  const beforeId = query.cursor === undefined ? undefined : BigInt(query.cursor);
  const [rows, total] = await Promise.all([listQuarantinedEvents(connectorId, { beforeId, limit: query.limit + 1 }), countQuarantinedEvents(connectorId)]);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { data: page.map(toQuarantinedEventDto), nextCursor: rows.length > query.limit && last ? last.id.toString() : null, total };
};
