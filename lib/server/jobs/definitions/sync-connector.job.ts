import { hostname } from "node:os";
import { z } from "zod";
import { getEnv } from "../../../env";
import { pollBounds } from "../../services/sync/poll-interval";
import { familyDefault } from "../../services/sync/rate-gate";
import { runSyncPass } from "../../services/sync/run-sync-pass";
import { defineJob } from "../define-job";

/** Whose sync leases these are: the worker releases them all when it stops. */
export const SYNC_LEASE_OWNER = `${hostname()}-${process.pid}`;

/** A busy connector is tailed inside one pass this long before it goes back through the scheduler. */
const LIVE_TAIL_MS = 60_000;

/**
 * One bounded sync pass of one connector: catch-up, then live polling while events keep arriving. The queue is
 * "short" with the connector id as singleton key (at most one queued per connector); the sync lease in
 * Postgres keeps one active. Not "stately": a worker killed mid-job would leave its job active until it
 * expires and block the connector that long; the lease is short and renewed, so it frees within seconds.
 */
export const syncConnectorJob = defineJob({
  name: "sync-connector",
  schema: z.object({ connectorId: z.uuid() }),
  queue: { retryLimit: 0, expireInSeconds: 120, policy: "short", notify: true },
  localConcurrency: 4,
  pollingIntervalSeconds: 0.5,
  handler: async ({ connectorId }, { logger, isStopping, claimant }) => {
    const env = getEnv();
    const bounds = pollBounds({ minSeconds: env.WATCHPOST_SYNC_POLL_SECONDS, maxSeconds: env.WATCHPOST_SYNC_POLL_MAX_SECONDS, perMinute: familyDefault("events-stream", env.WATCHPOST_RATE_LIMIT_PER_MINUTE) });
    const result = await runSyncPass({
      connectorId,
      workerId: SYNC_LEASE_OWNER,
      perMinute: env.WATCHPOST_RATE_LIMIT_PER_MINUTE,
      budgetMs: 20_000,
      logger,
      isStopping,
      claimant,
      live: { bounds, untilMs: LIVE_TAIL_MS },
    });
    if (result.stored > 0 || result.outcome !== "caught_up") logger.debug(result, "sync pass");
  },
});
