import { runDetectionLoop } from "../../services/detection/run-detection-loop";
import { defineLoop } from "../define-loop";

/**
 * Detection: polls every 500 ms for stored activities past the detection cursor, so alerts follow storage
 * within about a second. The cursor row lock (FOR UPDATE SKIP LOCKED) keeps two workers from ever processing
 * the same activities; it is a transaction's lock, so it dies with a killed worker's connection.
 */
export const detectLoop = defineLoop({
  name: "detect",
  run: async ({ logger, isStopping }) => {
    const result = await runDetectionLoop({ durationMs: 60_000, intervalMs: 500, logger, isStopping });
    if (result.processed > 0) logger.debug(result, "detection round done");
  },
});
