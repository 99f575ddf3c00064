import { z } from "zod";
import { recomputeDuePosture } from "../../services/posture/recompute-posture";
import { defineJob } from "../define-job";

/**
 * Safety net for the posture: each sync pass that re-reads the directory re-evaluates at its end; this
 * catches any connector whose directory sync is newer than its latest evaluation (e.g. a failed hook).
 */
export const postureJob = defineJob({
  name: "posture",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 1, retryDelay: 30, expireInSeconds: 300, policy: "singleton" },
  cron: "* * * * *",
  handler: async (_payload, { logger }) => {
    const evaluated = await recomputeDuePosture({ logger });
    if (evaluated > 0) logger.info({ evaluated }, "posture evaluated");
  },
});
