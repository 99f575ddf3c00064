import type { Logger } from "../../logger";
import { listConnectorsWithPendingActivities } from "../../repositories/connector-repository";
import { listRuntimePolicies } from "../../repositories/policy-repository";
import { fanOutNewAlerts } from "../alerts/fan-out-new-alerts";
import { backfillIncidents } from "../incidents/backfill-incidents";
import { ensureBuiltinPolicies } from "./ensure-builtin-policies";
import { loadDirectoryLookup } from "./load-directory";
import { runDetectionPass } from "./run-detection-pass";

export type DetectionLoopOptions = Readonly<{ durationMs: number; intervalMs: number; logger: Logger; isStopping?: () => boolean }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls for stored activities the detection cursor has not reached, every `intervalMs` for `durationMs`,
 * and runs a pass per such connector: alerts follow storage within about a second. New alerts are then
 * fanned out (notifications, policy actions) by the same loop.
 */
export const runDetectionLoop = async ({ durationMs, intervalMs, logger, isStopping }: DetectionLoopOptions): Promise<{ processed: number; alertsCreated: number }> => {
  await ensureBuiltinPolicies();
  // Once per loop run (the job restarts it every minute): alerts from before incidents existed get theirs.
  await backfillIncidents(logger, isStopping);
  const until = Date.now() + durationMs;
  const totals = { processed: 0, alertsCreated: 0 };
  while (Date.now() < until && !isStopping?.()) {
    const started = Date.now();
    const pending = await listConnectorsWithPendingActivities();
    if (pending.length > 0) {
      const [policies, directory] = await Promise.all([listRuntimePolicies(), loadDirectoryLookup(pending)]);
      for (const connectorId of pending) {
        if (isStopping?.()) break;
        const result = await runDetectionPass({ connectorId, policies, directory, budgetMs: Math.max(1_000, until - Date.now()), isStopping });
        totals.processed += result.processed;
        totals.alertsCreated += result.alertsCreated;
        const { capsReached, ...counts } = result;
        if (result.alertsCreated > 0 || result.noticesQueued > 0) logger.info({ connectorId, ...counts }, "detection raised alerts");
        // Once per policy and day: the first batch to suppress a match says so; later ones only add to the count on the alert.
        for (const cap of capsReached) logger.warn({ connectorId, ...cap }, "session policy reached its alerts per day: further matches today raise no alert");
      }
    }
    // Also picks up alerts raised elsewhere (posture drift) and any a crash left behind.
    await fanOutNewAlerts(logger);
    if (!isStopping?.()) await sleep(Math.max(0, intervalMs - (Date.now() - started)));
  }
  return totals;
};
