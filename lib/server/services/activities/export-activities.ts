import { ACTIVITY_CSV_COLUMNS, type TActivityCursor, type TActivityExportQuery } from "../../../shared/schemas/activities";
import { copyActivityCsvRange, findActivityExportText } from "../../repositories/activity-export-repository";
import { findActivityBoundary, type ActivityQueryFilter, type ActivityRange } from "../../repositories/activity-query-repository";
import { takeUserSlot } from "../limits/user-slots";
import { resolveActivityFilter } from "./resolve-activity-filter";

export type ExportActivitiesOptions = Readonly<{
  query: TActivityExportQuery;
  /** The caller: at most MAX_EXPORTS_PER_USER of their exports run at once (429 beyond). Internal callers (tests, benchmarks) omit it. */
  userId?: string;
  now?: Date;
  batchSize?: number;
}>;

export type ActivityExport = Readonly<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }>;

const BATCH_SIZE = 10_000;

/** Exports of one user running at once, from the request to the stream's end (the first batch counts). */
export const MAX_EXPORTS_PER_USER = 2;

/** Batches being formatted while the client reads: one per PostgreSQL backend kept busy (this machine has 2 cores). */
const BATCHES_AHEAD = 2;

/**
 * Ranges being formatted by all exports of this process together, beyond the first of each export: several
 * exports at once must leave most of the pg pool (10 connections) to the pages and the API.
 */
const MAX_EXTRA_FORMATTING = 2;
let extraFormatting = 0;

const stamp = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z").replaceAll(":", "-");

/** One range formatted: COPY for CSV without free text (PostgreSQL quotes in C), SQL-built text otherwise. */
const formatRange = async (filter: ActivityQueryFilter, range: ActivityRange, isCsv: boolean): Promise<Uint8Array> => {
  if (isCsv && !filter.text) return new Uint8Array(await copyActivityCsvRange(filter, range, ACTIVITY_CSV_COLUMNS));
  const format = isCsv ? ({ kind: "csv", columns: ACTIVITY_CSV_COLUMNS } as const) : ({ kind: "ndjson" } as const);
  return new TextEncoder().encode(await findActivityExportText(filter, range, format));
};

/**
 * The activities matching the filter as a CSV or NDJSON stream, newest first. The export is cut into ranges of
 * `batchSize` rows (of the filters other than free text, so a rare word still streams at a steady pace); up to
 * BATCHES_AHEAD ranges are formatted concurrently while the client reads the previous one. Flat memory: the
 * next ranges are only started when the client takes a batch (ReadableStream backpressure).
 * CSV cells are always quoted where needed; NDJSON lines are the list DTO plus the raw event.
 */
export const exportActivities = async ({ query, userId, now = new Date(), batchSize = BATCH_SIZE }: ExportActivitiesOptions): Promise<ActivityExport> => {
  // Held until the stream ends, fails or is cancelled.
  const release = userId ? takeUserSlot({ kind: "export", userId, max: MAX_EXPORTS_PER_USER, what: "exports" }) : () => undefined;
  let filter: ActivityQueryFilter;
  try {
    filter = await resolveActivityFilter(query);
  } catch (error) {
    release();
    throw error;
  }
  const isCsv = query.format === "csv";
  const encoder = new TextEncoder();
  const pending: Promise<Uint8Array>[] = [];
  let after: TActivityCursor | null = null;
  let isPlanned = false;
  let isCancelled = false;

  const planAhead = async () => {
    while (pending.length < BATCHES_AHEAD && !isPlanned && (pending.length === 0 || extraFormatting < MAX_EXTRA_FORMATTING)) {
      // Counted before the first await, so that concurrent exports never pass the limit together.
      const isExtra = pending.length > 0;
      if (isExtra) extraFormatting++;
      const release = () => {
        if (isExtra) extraFormatting--;
      };
      const through = await findActivityBoundary(filter, after, batchSize).catch((error: unknown) => {
        release();
        throw error;
      });
      const batch = formatRange(filter, { after, through }, isCsv).finally(release);
      // Awaited in order by pull; a client that leaves first must not turn its failure into an unhandled rejection.
      batch.catch(() => undefined);
      pending.push(batch);
      after = through;
      isPlanned = through === null;
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start: (controller) => {
        if (isCsv) controller.enqueue(encoder.encode(ACTIVITY_CSV_COLUMNS.join(",") + "\n"));
      },
      // Skips ranges where the free text matched nothing.
      pull: async (controller) => {
        try {
          for (;;) {
            await planAhead();
            const next = pending.shift();
            if (!next || isCancelled) {
              release();
              controller.close();
              return;
            }
            const bytes = await next;
            if (bytes.byteLength > 0) {
              controller.enqueue(bytes);
              return;
            }
          }
        } catch (error) {
          release();
          throw error;
        }
      },
      cancel: () => {
        isCancelled = true;
        isPlanned = true;
        release();
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
