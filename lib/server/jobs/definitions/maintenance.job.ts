import { z } from "zod";
import { runMaintenance } from "../../services/health/run-maintenance";
import { defineJob } from "../define-job";

/** Hourly housekeeping: prune expired login-failure rows, heartbeats of workers long gone and expired revoked sessions. */
export const maintenanceJob = defineJob({
  name: "maintenance",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  cron: "17 * * * *",
  handler: async (_payload, { logger }) => {
    const result = await runMaintenance({ now: new Date() });
    logger.info(result, "maintenance done");
  },
});
