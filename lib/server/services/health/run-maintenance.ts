import { pruneWorkerHeartbeats } from "../../repositories/health-repository";
import { pruneLoginFailures } from "../../repositories/login-failure-repository";
import { pruneRevokedSessions } from "../../repositories/revoked-session-repository";

const DAY_MS = 24 * 60 * 60 * 1000;

export type MaintenanceOptions = Readonly<{ now: Date }>;

export type MaintenanceResult = Readonly<{ loginFailuresPruned: number; revokedSessionsPruned: number }>;

/**
 * Hourly: expired login failures, heartbeats of workers long gone, and signed-out sessions whose JWT has expired on
 * its own. Records with a retention period (the portal audit log among them) go in the daily retention run.
 */
export const runMaintenance = async (options: MaintenanceOptions): Promise<MaintenanceResult> => {
  const ago = (days: number) => new Date(options.now.getTime() - days * DAY_MS);
  const [loginFailuresPruned, , revokedSessionsPruned] = await Promise.all([
    pruneLoginFailures(ago(1)),
    pruneWorkerHeartbeats(ago(7)),
    pruneRevokedSessions(options.now),
  ]);
  return { loginFailuresPruned, revokedSessionsPruned };
};
