import { pruneAuditEvents } from "../../repositories/audit-repository";
import { pruneWorkerHeartbeats } from "../../repositories/health-repository";
import { pruneLoginFailures } from "../../repositories/login-failure-repository";
import { pruneRevokedSessions } from "../../repositories/revoked-session-repository";

const DAY_MS = 24 * 60 * 60 * 1000;

export type MaintenanceOptions = Readonly<{ now: Date; auditRetentionDays: number }>;

export type MaintenanceResult = Readonly<{ loginFailuresPruned: number; auditEventsPruned: number; revokedSessionsPruned: number }>;

/**
 * Hourly: expired login failures, heartbeats of workers long gone, portal audit events past their retention, and
 * signed-out sessions whose JWT has expired on its own.
 */
export const runMaintenance = async (options: MaintenanceOptions): Promise<MaintenanceResult> => {
  const ago = (days: number) => new Date(options.now.getTime() - days * DAY_MS);
  const [loginFailuresPruned, , auditEventsPruned, revokedSessionsPruned] = await Promise.all([
    pruneLoginFailures(ago(1)),
    pruneWorkerHeartbeats(ago(7)),
    pruneAuditEvents(ago(options.auditRetentionDays)),
    pruneRevokedSessions(options.now),
  ]);
  return { loginFailuresPruned, auditEventsPruned, revokedSessionsPruned };
};
