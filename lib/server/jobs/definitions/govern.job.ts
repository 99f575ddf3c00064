import { z } from "zod";
import { getEnv } from "../../../env";
import { runGovernLoop } from "../../services/governance/run-govern-loop";
import { defineJob } from "../define-job";

/**
 * Governance actions (issue 7): each run polls the governance_actions outbox every 500 ms for 30 s, so a
 * queued suspend/unsuspend/revoke/notify reaches Atlassian within about a second. Retries are the rows'
 * own (attempts, next_attempt_at), not pg-boss's: the job itself never retries.
 */
export const governJob = defineJob({
  name: "govern",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 0, expireInSeconds: 300, policy: "stately" },
  everySeconds: 5,
  handler: async (_payload, { logger }) => {
    const totals = await runGovernLoop({ durationMs: 30_000, intervalMs: 500, perMinute: getEnv().WATCHPOST_RATE_LIMIT_PER_MINUTE, logger });
    if (totals.succeeded + totals.failed + totals.retrying > 0) logger.info(totals, "governance loop done");
  },
});
