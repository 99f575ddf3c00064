import { AppError } from "../../../shared/errors";
import { findConnectorRecord } from "../../repositories/connector-repository";
import { findQuarantinedEventsWithRaw } from "../../repositories/quarantine-repository";
import { toQuarantinedEventDto } from "./list-quarantined-events";

export type ExportQuarantinedEventsOptions = Readonly<{ connectorId: string; now?: Date; batchSize?: number }>;

const BATCH_SIZE = 200;

/** The raw JSON as JSON when it was kept whole, else the cut text (rawTruncated says which). */
const rawValue = (raw: string, isTruncated: boolean): unknown => {
  if (isTruncated) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
};

/**
 * Every quarantined event of a connector as NDJSON, newest first: the listed fields plus `raw`, the event as
 * received (a string when it was cut at 64 KB). Streamed in keyset batches, so memory stays flat.
 */
export const exportQuarantinedEvents = async ({ connectorId, now = new Date(), batchSize = BATCH_SIZE }: ExportQuarantinedEventsOptions) => {
  const connector = await findConnectorRecord(connectorId);
  if (!connector) throw new AppError("not_found", "Connector not found");
  const encoder = new TextEncoder();
  let beforeId: bigint | undefined;
  let isDone = false;
  const body = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      if (isDone) return controller.close();
      const rows = await findQuarantinedEventsWithRaw(connectorId, { beforeId, limit: batchSize });
      if (rows.length < batchSize) isDone = true;
      const last = rows[rows.length - 1];
      if (last) beforeId = last.id;
      const lines = rows.map((row) => `${JSON.stringify({ ...toQuarantinedEventDto(row), connectorId, raw: rawValue(row.raw, row.rawTruncated) })}\n`).join("");
      if (lines) controller.enqueue(encoder.encode(lines));
      if (isDone) controller.close();
    },
  });
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replaceAll(":", "-");
  return { filename: `watchpost-quarantine-${connector.id.slice(0, 8)}-${stamp}.ndjson`, contentType: "application/x-ndjson; charset=utf-8", body };
};
