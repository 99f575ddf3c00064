import { createAtlassianClient, isAtlassianApiError, type TEventsStreamPage, type TRateFamily } from "../../../atlassian";
import type { TRatePriority } from "../../../shared/rate-budget";
import { SecretBoxError } from "../../crypto/secret-box";
import type { Logger } from "../../logger";
import { LeaseLostError, storeActivityPage } from "../../repositories/activity-repository";
import { claimSyncLease, findConnectorSecret, releaseSyncLease, updateConnector } from "../../repositories/connector-repository";
import { loadOrgDirectory } from "../../repositories/directory-repository";
import { openApiKey, UNREADABLE_API_KEY } from "../connectors/connector-secret";
import { describeAtlassianError } from "../connectors/describe-api-error";
import { API_TIMEOUT_MS } from "../connectors/verify-connection";
import { enrichActivities } from "../../../enrichment/enrich-activities";
import { loadEnrichmentContext } from "../ip-ranges/load-enrichment-context";
import { buildSearchText, normalizeEvent, type NormalizedActivity } from "./normalize-event";
import { hasNulCharacter, toQuarantineRow } from "./quarantine-row";
import { recomputePostureAfterSync } from "../posture/recompute-posture";
import { nextPollInterval, type PollBounds } from "./poll-interval";
import { createRateGate } from "./rate-gate";
import { syncDirectory } from "./sync-directory";
import { syncSites } from "./sync-sites";
import { backoffMs, setSyncStatus } from "./sync-status";

export const PAGE_LIMIT = 500;
// Short and renewed every second by the pass, so a dead worker's connector is free again within seconds (at
// once when the lease carries the worker's presence key); safe because every page write is fenced by the owner.
const LEASE_MS = 5_000;
const LEASE_RENEW_MS = 1_000;
const LIVE_POLL_BUDGET_MS = 10_000;
const DIRECTORY_EVERY_MS = 15 * 60_000;

export type SyncPassOptions = Readonly<{
  connectorId: string;
  workerId: string;
  /** Replaces the documented default budgets (WATCHPOST_RATE_LIMIT_PER_MINUTE); what the server states still wins. */
  perMinute?: number;
  budgetMs: number;
  logger: Logger;
  /** Events per page (default and maximum 500); benchmarks lower it to spend the request budget. */
  pageLimit?: number;
  /** Checked between pages: a stopping worker ends the pass after the page in hand. */
  isStopping?: () => boolean;
  /** The worker's presence key: the lease is free at once if this worker dies (worker-presence-repository.ts). */
  claimant?: number;
  /**
   * Live polling (the worker's passes): once caught up, keep polling from the cursor every `bounds.minMs` while
   * polls bring new events, until `untilMs` after the start; a quiet org hands back to the scheduler, which
   * polls it after the backed-off interval stored on the connector.
   */
  live?: Readonly<{ bounds: PollBounds; untilMs: number }>;
}>;
export type SyncPassOutcome = "caught_up" | "more" | "busy" | "skipped" | "retrying" | "failed";

class RateBudgetWait extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One bounded pass of a connector's sync: holds the lease, refreshes the directory when due, then reads
 * /events-stream pages from the stored cursor and stores each page with its cursor atomically, until the
 * stream is empty or the time budget is used. Failures set Degraded (with backoff) or Error; never skipped.
 */
export const runSyncPass = async (options: SyncPassOptions): Promise<{ outcome: SyncPassOutcome; stored: number }> => {
  const { connectorId, workerId, logger } = options;
  const startedAt = Date.now();
  const claim = () => claimSyncLease(connectorId, workerId, LEASE_MS, options.claimant ?? null);
  if (!(await claim())) return { outcome: "busy", stored: 0 };
  // The last renewal is awaited before the release, so a late one can never take the lease back.
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = claim().catch((error: Error & { code?: string }) => logger.debug({ code: error.code, message: error.message }, "sync lease not renewed"));
  }, LEASE_RENEW_MS);
  let stored = 0;
  const connector = await findConnectorSecret(connectorId).catch((error: unknown) => {
    clearInterval(renewal);
    throw error;
  });
  try {
    if (!connector || connector.status === "disabled" || connector.status === "error") return { outcome: "skipped", stored };
    if (connector.apiKeyExpiresAt.getTime() <= Date.now()) {
      await setSyncStatus(connector, "error", { statusDetail: "The API key has expired: renew the API key" });
      return { outcome: "failed", stored };
    }
    const gate = createRateGate({ bucketKey: connector.rateBucketKey, perMinute: options.perMinute });
    const client = createAtlassianClient({ baseUrl: connector.baseUrl, apiKey: openApiKey(connector), timeoutMs: API_TIMEOUT_MS, onResponse: gate.observe });
    let deadline = Date.now() + options.budgetMs;
    const acquire = async (family: TRateFamily, priority: TRatePriority) => {
      if (!(await gate.acquire(family, priority, deadline + LEASE_MS / 2))) throw new RateBudgetWait();
    };
    if (connector.status === "connecting") await setSyncStatus(connector, "syncing", { statusDetail: null });

    let hasSyncedDirectory = false;
    if (!connector.directorySyncedAt || Date.now() - connector.directorySyncedAt.getTime() > DIRECTORY_EVERY_MS) {
      const now = new Date();
      const { users } = await syncDirectory({ client, orgId: connector.orgId, connectorId, acquire: (family) => acquire(family, "background"), now, missingScopes: connector.missingScopes });
      await syncSites({ client, orgId: connector.orgId, connectorId, acquire: (family) => acquire(family, "background"), now, logger, missingScopes: connector.missingScopes });
      await updateConnector(connectorId, { directorySyncedAt: now, ...(users === null ? {} : { usersSynced: users }) });
      hasSyncedDirectory = true;
    }
    const directory = await loadOrgDirectory(connectorId);
    let cursor = connector.cursor;
    const limit = options.pageLimit ?? PAGE_LIMIT;
    // Live first: a poll of a caught-up stream (and the page that follows a short one) is live; reading a backlog
    // (a full page came back, or the first sync) is background and leaves the live reserve (rate-budget.ts).
    let priority: TRatePriority = connector.initialSyncDoneAt ? "live" : "background";
    const fetchAfter = async (after: string | null) => {
      await acquire("events-stream", priority);
      return client.pollEventsStream(connector.orgId, after ? { cursor: after, limit } : { from: connector.syncFrom, limit });
    };
    // The next page is fetched while the current one is stored; the cursor only moves with a stored page.
    // It may fail before it is awaited: mark it handled at once (awaiting it still throws), or Node reports
    // an unhandled rejection.
    const prefetch = (after: string | null) => {
      const promise = fetchAfter(after);
      promise.catch(() => undefined);
      return promise;
    };
    /** Pages from the cursor until caught up, out of budget or stopping: whether caught up, and what was new. */
    const readToHead = async (): Promise<{ isCaughtUp: boolean; inserted: number }> => {
      let isCaughtUp = false;
      let inserted = 0;
      let pagesWithNothingNew = 0;
      let pending: Promise<TEventsStreamPage> | null = prefetch(cursor);
      while (pending && !isCaughtUp) {
        const page: TEventsStreamPage = await pending;
        const pageCursor = page.cursor ?? cursor;
        // Only a page with nothing at all is the end: one whose events were all quarantined is not.
        const served = page.events.length + page.rejected.length;
        priority = served >= limit ? "background" : "live";
        pending = served > 0 && Date.now() < deadline && !options.isStopping?.() ? prefetch(pageCursor) : null;
        const normalized: NormalizedActivity[] = [];
        // Events of an unexpected shape are set aside with the reason; the rest of the page is stored as usual.
        const quarantined = page.rejected.map(toQuarantineRow);
        let dropped = 0;
        for (const event of page.events) {
          if (hasNulCharacter(event)) {
            quarantined.push(toQuarantineRow({ id: event.id, raw: event, reason: "contains a NUL character, which PostgreSQL cannot store" }));
            continue;
          }
          const result = normalizeEvent(event, directory);
          if (result.kind === "activity") normalized.push(result.activity);
          else dropped++;
        }
        if (quarantined.length > 0) logger.info({ connectorId, quarantined: quarantined.length, reason: quarantined[0]?.reason }, "events quarantined");
        // IP category and tags (ranges, threat lists) and, for events without one, a location (range, GeoIP).
        const enrichment = await loadEnrichmentContext({ logger, needsGeoIp: normalized.some((a) => a.ip && !a.locationSource) });
        const activities = enrichActivities(normalized, enrichment, (a) => ({ ...a, searchText: buildSearchText(a) }));
        // A short page does not mean the end; an empty one does (atlassian-api.md §6). At the head the API may
        // also repeat its last events, so two pages in a row with nothing new count as caught up too.
        const isRepeatOnly = (count: number, quarantinedNew: number) =>
          activities.length + quarantined.length > 0 && count === 0 && quarantinedNew === 0 && dropped === 0;
        const result = await storeActivityPage({
          connectorId,
          leaseOwner: workerId,
          activities,
          droppedUnverified: dropped,
          quarantined,
          cursor: pageCursor,
          isCaughtUp: (count, quarantinedNew) => served === 0 || (isRepeatOnly(count, quarantinedNew) && pagesWithNothingNew >= 1),
        });
        cursor = pageCursor;
        pagesWithNothingNew = isRepeatOnly(result.inserted, result.quarantinedNew) ? pagesWithNothingNew + 1 : 0;
        isCaughtUp = result.isCaughtUp;
        inserted += result.inserted;
      }
      return { isCaughtUp, inserted };
    };

    let pollStartedAt = Date.now();
    let { isCaughtUp, inserted } = await readToHead();
    stored += inserted;
    let pollInterval = connector.pollIntervalMs;
    while (isCaughtUp && options.live) {
      pollInterval = nextPollInterval(pollInterval, inserted > 0, options.live.bounds);
      // Tail here only while the org is busy (one empty poll tolerated: events come in bursts); a quiet org goes
      // back to the scheduler. The next poll starts one interval after this one started.
      const nextPollAt = pollStartedAt + pollInterval;
      if (pollInterval > 2 * options.live.bounds.minMs || nextPollAt > startedAt + options.live.untilMs) break;
      while (Date.now() < nextPollAt && !options.isStopping?.()) await sleep(Math.min(250, nextPollAt - Date.now()));
      if (options.isStopping?.()) break;
      pollStartedAt = Date.now();
      priority = "live";
      // Each live poll gets a budget of its own for the pages it finds (a burst after a quiet spell).
      deadline = Math.max(deadline, pollStartedAt + LIVE_POLL_BUDGET_MS);
      ({ isCaughtUp, inserted } = await readToHead());
      stored += inserted;
    }
    // After the events, so the audit events behind a posture regression are stored before it is evaluated.
    if (hasSyncedDirectory) await recomputePostureAfterSync({ connectorId, logger });
    const healthy = connector.initialSyncDoneAt || isCaughtUp ? "connected" : "syncing";
    await setSyncStatus(connector, healthy, {
      statusDetail: null,
      failureCount: 0,
      nextRetryAt: null,
      ...(isCaughtUp && options.live ? { pollIntervalMs: pollInterval } : {}),
      ...(isCaughtUp && !connector.initialSyncDoneAt ? { initialSyncDoneAt: new Date() } : {}),
    });
    return { outcome: isCaughtUp ? "caught_up" : "more", stored };
  } catch (error) {
    if (error instanceof LeaseLostError) return { outcome: "busy", stored };
    if (error instanceof RateBudgetWait) return { outcome: "more", stored };
    if (!connector) throw error;
    if (error instanceof SecretBoxError) {
      await setSyncStatus(connector, "error", { statusDetail: UNREADABLE_API_KEY });
      return { outcome: "failed", stored };
    }
    if (!isAtlassianApiError(error)) throw error;
    const detail = describeAtlassianError(error);
    if (error.kind === "unauthorized" || error.kind === "forbidden" || error.kind === "not_found") {
      await setSyncStatus(connector, "error", { statusDetail: detail, nextRetryAt: null });
      return { outcome: "failed", stored };
    }
    const failures = connector.failureCount + 1;
    const waitMs = error.kind === "rate_limited" ? (error.retryAfterMs ?? 60_000) : backoffMs(failures);
    await setSyncStatus(connector, "degraded", {
      statusDetail: detail,
      failureCount: failures,
      nextRetryAt: new Date(Date.now() + waitMs),
      rateLimitedIncrement: error.kind === "rate_limited" ? 1 : 0,
    });
    logger.warn({ connectorId, kind: error.kind, waitMs }, "sync pass failed; retrying later");
    return { outcome: "retrying", stored };
  } finally {
    clearInterval(renewal);
    await renewing;
    await releaseSyncLease(connectorId, workerId);
  }
};
