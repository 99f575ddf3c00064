import type { Logger } from "../../logger";
import { fanOutPendingAlerts } from "../../repositories/alert-fan-out-repository";

/**
 * The outbox step between detection and the govern/notify jobs: every new alert (detection or posture
 * drift) gets its policy actions and notifications queued exactly once, even across crashes.
 */
export const fanOutNewAlerts = async (logger: Logger): Promise<number> => {
  let total = 0;
  for (;;) {
    const result = await fanOutPendingAlerts();
    total += result.alerts;
    if (result.actions > 0 || result.deliveries > 0) logger.info(result, "queued notifications and policy actions of new alerts");
    if (result.alerts < 200) return total;
  }
};
