import { LAG_LIMIT_SECONDS, type TProcessingLag } from "../../../shared/schemas/health";
import { selectBacklogSince } from "../../repositories/health-repository";

// Rounded up, and at least 1 s while anything waits: 0 means "nothing waiting", and "> LAG_LIMIT_SECONDS"
// on whole seconds is exactly "waited longer than the limit".
const ageSeconds = (since: Date | null, now: Date): number => (since ? Math.max(1, Math.ceil((now.getTime() - since.getTime()) / 1000)) : 0);

/**
 * How long the oldest item has waited for each stage, at `now`: an activity for detection (since it was
 * stored), a governance action and a notification delivery (since they became due: created, or a retry's
 * backoff or a dead worker's lease ran out). One small statement (health-repository.ts).
 */
export const getProcessingLag = async (options: Readonly<{ now: Date }>): Promise<TProcessingLag> => {
  const since = await selectBacklogSince(options.now);
  return {
    detectionSeconds: ageSeconds(since.detection, options.now),
    governanceSeconds: ageSeconds(since.governance, options.now),
    notificationSeconds: ageSeconds(since.notification, options.now),
  };
};

/** Every lag within LAG_LIMIT_SECONDS. */
export const isLagHealthy = (lag: TProcessingLag): boolean =>
  lag.detectionSeconds <= LAG_LIMIT_SECONDS && lag.governanceSeconds <= LAG_LIMIT_SECONDS && lag.notificationSeconds <= LAG_LIMIT_SECONDS;
