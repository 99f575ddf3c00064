import { z } from "zod";
import { updateRollups } from "../../services/rollups/update-rollups";
import { defineJob } from "../define-job";

/**
 * Folds newly stored activities into the dashboard rollups. Every worker offers it every 2 s (at most one
 * queued); the cursor row lock keeps concurrent runs from counting a batch twice.
 */
export const updateRollupsJob = defineJob({
  name: "update-rollups",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120, policy: "short" },
  everySeconds: 2,
  handler: async (_payload, { logger }) => {
    const result = await updateRollups({ budgetMs: 20_000 });
    if (result.activities > 0) logger.debug(result, "rollups updated");
  },
});
