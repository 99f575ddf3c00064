import { runNotifyLoop } from "../../services/notifications/run-notify-loop";
import { defineLoop } from "../define-loop";

/**
 * Notifications: polls the delivery outbox every 500 ms (sends bounded by a 10 s timeout, retried with
 * backoff), so a queued alert or test goes out within about a second. SKIP LOCKED claims let several workers
 * send side by side without sending anything twice; a claim of a worker that is gone is due again at once.
 */
export const notifyLoop = defineLoop({
  name: "notify",
  run: async ({ logger, isStopping, claimant }) => {
    const result = await runNotifyLoop({ durationMs: 60_000, intervalMs: 500, logger, isStopping, claimant });
    if (result.succeeded + result.retrying + result.failed > 0) logger.info(result, "notify round done");
  },
});
