import { hostname } from "node:os";
import { z } from "zod";
import { getEnv } from "../../../env";
import { runSyncPass } from "../../services/sync/run-sync-pass";
import { defineJob } from "../define-job";

const WORKER_ID = `${hostname()}-${process.pid}`;

/**
 * One bounded sync pass of one connector. The queue is "short" with the connector id as singleton key (at
 * most one queued per connector); the sync lease in Postgres keeps one active. Not "stately": a worker
 * killed mid-job would leave its job active until it expires and block the connector that long.
 */
export const syncConnectorJob = defineJob({
  name: "sync-connector",
  schema: z.object({ connectorId: z.uuid() }),
  queue: { retryLimit: 0, expireInSeconds: 120, policy: "short" },
  localConcurrency: 4,
  handler: async ({ connectorId }, { logger }) => {
    const env = getEnv();
    const result = await runSyncPass({ connectorId, workerId: WORKER_ID, perMinute: env.WATCHPOST_RATE_LIMIT_PER_MINUTE, budgetMs: 20_000, logger });
    if (result.stored > 0 || result.outcome !== "caught_up") logger.debug(result, "sync pass");
  },
});
