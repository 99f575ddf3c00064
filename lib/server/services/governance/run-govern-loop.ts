import type { TBackoffOptions } from "../../../governance/retry";
import type { Logger } from "../../logger";
import { claimDueGovernanceActions, queueDueAutoRestores } from "../../repositories/governance-repository";
import { releaseClaimsOfGoneWorkers } from "../../repositories/worker-presence-repository";
import { runGovernanceAction } from "./run-governance-action";

export type GovernLoopOptions = Readonly<{
  durationMs: number;
  intervalMs: number;
  perMinute?: number;
  logger: Logger;
  backoff?: TBackoffOptions;
  isStopping?: () => boolean;
  /** The worker's presence key: claims carry it, and claims of workers that are gone are freed each pass. */
  claimant?: number;
}>;

export type GovernTotals = { succeeded: number; retrying: number; failed: number; autoRestoresQueued: number };

const BATCH = 10;
// Actions of one batch in flight at once: an Atlassian call takes 100–300 ms, so one at a time would cap a
// worker at a few actions per second. The claim never puts two access changes of one user in a batch.
const CONCURRENCY = 4;
// Longer than any run of one batch (each request times out after 15 s), so a live worker keeps its claim. A
// worker that dies loses its claims sooner, through its presence key (worker-presence-repository.ts).
const LEASE_SECONDS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One pass: queue due automatic restores, then run every due action (batch after batch) until none is due. */
export const runGovernPass = async (options: Omit<GovernLoopOptions, "durationMs" | "intervalMs">, totals: GovernTotals = emptyTotals()): Promise<GovernTotals> => {
  if (options.claimant !== undefined) await releaseClaimsOfGoneWorkers("governance_actions", options.claimant);
  totals.autoRestoresQueued += await queueDueAutoRestores();
  for (;;) {
    const claimed = await claimDueGovernanceActions(BATCH, LEASE_SECONDS, options.claimant ?? null);
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const row = claimed[next++];
        if (row) totals[await runGovernanceAction(row, options)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, lane));
    if (claimed.length < BATCH || options.isStopping?.()) return totals;
  }
};

const emptyTotals = (): GovernTotals => ({ succeeded: 0, retrying: 0, failed: 0, autoRestoresQueued: 0 });

/**
 * Polls the governance outbox every `intervalMs` for `durationMs`: a queued action (from the API or a
 * policy) runs within about a second. Workers share the rows through FOR UPDATE SKIP LOCKED claims.
 */
export const runGovernLoop = async (options: GovernLoopOptions): Promise<GovernTotals> => {
  const until = Date.now() + options.durationMs;
  const totals = emptyTotals();
  while (Date.now() < until && !options.isStopping?.()) {
    const started = Date.now();
    await runGovernPass(options, totals);
    await sleep(Math.max(0, options.intervalMs - (Date.now() - started)));
  }
  return totals;
};
