// The proxy's one write loop: sessions (rows, counters, ended state) and activities, every FLUSH_MS, in batches.
import { enrichActivities } from "../enrichment/enrich-activities";
import type { Logger } from "../server/logger";
import { insertSessionActivities, type TSessionActivity } from "../server/repositories/activity-repository";
import type { TNewProxySession } from "../server/repositories/proxy-session-repository";
import { loadEnrichmentContext } from "../server/services/ip-ranges/load-enrichment-context";
import { buildSearchText } from "../server/services/sync/normalize-event";
import { NO_LOCATION } from "./build-activity";
import { every } from "./every";
import type { TSessionTracker } from "./session-tracker";

/** ≤500 ms (issue 21: activities in the activity log within 2 s; End session takes effect within ~1 s). */
export const FLUSH_MS = 300;
/** During a database outage activities wait in memory up to this many; older ones are dropped, with a warning. */
const MAX_BUFFERED = 50_000;

export const createProxyWriter = (options: Readonly<{ logger: Logger; tracker: TSessionTracker }>) => {
  const { logger, tracker } = options;
  let buffer: TSessionActivity[] = [];
  let isFailing = false;
  let running: Promise<void> | null = null;

  /** Countries of new sessions, from the same enrichment (ranges, GeoIP) the sync uses. */
  const locateSessions = async (rows: TNewProxySession[]): Promise<TNewProxySession[]> => {
    const context = await loadEnrichmentContext({ logger });
    const located = enrichActivities(rows.map((r) => ({ ...NO_LOCATION, ip: r.ip })), context);
    return rows.map((r, i) => ({ ...r, countryCode: located[i]?.countryCode ?? null }));
  };

  const flushOnce = async () => {
    const batch = buffer;
    buffer = [];
    try {
      await tracker.flush(locateSessions);
      if (batch.length) {
        const context = await loadEnrichmentContext({ logger, needsGeoIp: true });
        await insertSessionActivities(enrichActivities(batch, context, (a) => ({ ...a, searchText: buildSearchText(a as Parameters<typeof buildSearchText>[0]) })));
      }
      if (isFailing) logger.info("proxy writes reach the database again");
      isFailing = false;
    } catch (error) {
      buffer = [...batch, ...buffer];
      if (buffer.length > MAX_BUFFERED) {
        logger.warn({ dropped: buffer.length - MAX_BUFFERED }, "database unavailable too long; dropping the oldest proxy activities");
        buffer = buffer.slice(buffer.length - MAX_BUFFERED);
      }
      if (!isFailing) logger.warn({ err: { message: (error as Error).message } }, "cannot write proxy sessions and activities; retrying");
      isFailing = true;
    }
  };

  const flush = (): Promise<void> => (running ??= flushOnce().finally(() => (running = null)));

  const stop = every(FLUSH_MS, flush);

  return {
    push: (activity: TSessionActivity) => {
      buffer.push(activity);
    },
    flush,
    /** Stops the loop after a last flush. */
    close: async () => {
      stop();
      await running;
      await flush();
    },
  };
};

export type TProxyWriter = ReturnType<typeof createProxyWriter>;
