import type { Logger } from "../../logger";
import { groupNextUngroupedAlerts } from "../../repositories/incident-grouping-repository";

const BATCH = 500;

/**
 * Groups alerts that have an account but no incident (those raised before incidents existed) into incidents,
 * batch by batch, each committed on its own: a restart continues where the last commit left off. Detection groups
 * every new alert itself, so after the first run this finds nothing (one index lookup).
 */
export const backfillIncidents = async (logger: Logger, isStopping?: () => boolean): Promise<number> => {
  let total = 0;
  for (;;) {
    const n = await groupNextUngroupedAlerts(BATCH);
    total += n;
    if (n < BATCH || isStopping?.()) break;
  }
  if (total > 0) logger.info({ alerts: total }, "grouped earlier alerts into incidents");
  return total;
};
