import { getEnv } from "../../../env";
import { runGovernLoop } from "../../services/governance/run-govern-loop";
import { defineLoop } from "../define-loop";

/**
 * Governance actions (issue 7): polls the governance_actions outbox every 500 ms, so a queued
 * suspend/unsuspend/revoke/notify reaches Atlassian within about a second. Retries are the rows' own
 * (attempts, next_attempt_at); a claim of a worker that is gone is due again at once.
 */
export const governLoop = defineLoop({
  name: "govern",
  run: async ({ logger, isStopping, claimant }) => {
    const totals = await runGovernLoop({ durationMs: 60_000, intervalMs: 500, perMinute: getEnv().WATCHPOST_RATE_LIMIT_PER_MINUTE, logger, isStopping, claimant });
    if (totals.succeeded + totals.failed + totals.retrying > 0) logger.info(totals, "governance round done");
  },
});
