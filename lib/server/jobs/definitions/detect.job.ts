import { z } from "zod";
import { runDetectionLoop } from "../../services/detection/run-detection-loop";
import { defineJob } from "../define-job";

/**
 * Detection: each run polls every 500 ms for 30 s, so alerts follow stored activities within about a
 * second. Every worker offers a run every 5 s; "stately" keeps one active and one waiting to take over.
 * The cursor row lock keeps two workers from ever processing the same activities.
 */
export const detectJob = defineJob({
  name: "detect",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 60, policy: "stately" },
  everySeconds: 5,
  handler: async (_payload, { logger }) => {
    const result = await runDetectionLoop({ durationMs: 30_000, intervalMs: 500, logger });
    if (result.processed > 0) logger.debug(result, "detection loop done");
  },
});
