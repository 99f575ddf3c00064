import { ACTIVITY_CSV_COLUMNS, type TActivityCursor, type TActivityExportQuery } from "../../../shared/schemas/activities";
import { copyActivityCsvBatch, findActivityExportBatch } from "../../repositories/activity-query-repository";
import { resolveActivityFilter } from "./resolve-activity-filter";

export type ExportActivitiesOptions = Readonly<{ query: TActivityExportQuery; now?: Date; batchSize?: number }>;

export type ActivityExport = Readonly<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }>;

const BATCH_SIZE = 10_000;

const stamp = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z").replaceAll(":", "-");

/**
 * The activities matching the filter as a CSV or NDJSON stream, newest first. Flat memory: the stream pulls
 * one keyset batch at a time, only once the client has taken the previous one (ReadableStream backpressure).
 * CSV cells are always quoted; NDJSON lines are the list DTO plus the raw event.
 */
export const exportActivities = async ({ query, now = new Date(), batchSize = BATCH_SIZE }: ExportActivitiesOptions): Promise<ActivityExport> => {
  const filter = await resolveActivityFilter(query);
  const isCsv = query.format === "csv";
  const format = isCsv ? ({ kind: "csv", columns: ACTIVITY_CSV_COLUMNS } as const) : ({ kind: "ndjson" } as const);
  const encoder = new TextEncoder();
  let cursor: TActivityCursor | null = null;
  let isDone = false;

  const body = new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        if (isCsv) controller.enqueue(encoder.encode(ACTIVITY_CSV_COLUMNS.join(",") + "\n"));
      },
      // Called only when the consumer wants more; loops past batches where the free text matched nothing.
      pull: async (controller) => {
        while (!isDone) {
          // Without free text, COPY streams whole batches (faster); with it, batches scan and filter (see the repository).
          if (isCsv && !filter.text) {
            const copied = await copyActivityCsvBatch(filter, cursor, batchSize, ACTIVITY_CSV_COLUMNS);
            cursor = copied.last;
            isDone = copied.rows < batchSize || !copied.last;
            if (copied.rows > 0) controller.enqueue(new Uint8Array(copied.csv));
            break;
          }
          const batch = await findActivityExportBatch(filter, cursor, batchSize, format);
          cursor = batch.last;
          isDone = batch.scanned < batchSize || !batch.last;
          if (batch.text) {
            controller.enqueue(encoder.encode(batch.text));
            break;
          }
        }
        if (isDone) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
  return {
    filename: `watchpost-activities-${stamp(now)}.${isCsv ? "csv" : "ndjson"}`,
    contentType: isCsv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
};
