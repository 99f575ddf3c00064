import { z } from "zod";
import { runNotifyLoop } from "../../services/notifications/run-notify-loop";
import { defineJob } from "../define-job";

/**
 * Notifications: each run polls the delivery outbox every 500 ms for 30 s (sends bounded by a 10 s
 * timeout, retried with backoff), so a queued alert or test goes out within about a second. Every
 * worker offers a run every 5 s; "stately" keeps one active and one waiting to take over. SKIP LOCKED
 * claims let several workers send side by side without sending anything twice.
 */
export const notifyJob = defineJob({
  name: "notify",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 120, policy: "stately" },
  everySeconds: 5,
  handler: async (_payload, { logger }) => {
    const result = await runNotifyLoop({ durationMs: 30_000, intervalMs: 500, logger });
    if (result.succeeded + result.retrying + result.failed > 0) logger.info(result, "notify loop done");
  },
});
