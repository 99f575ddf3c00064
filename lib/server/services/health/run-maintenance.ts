import { pruneAuditEvents } from "../../repositories/audit-repository";
import { pruneWorkerHeartbeats } from "../../repositories/health-repository";
import { pruneLoginFailures } from "../../repositories/login-failure-repository";

const DAY_MS = 24 * 60 * 60 * 1000;

export type MaintenanceOptions = Readonly<{ now: Date; auditRetentionDays: number }>;

/** Hourly: expired login failures, heartbeats of workers long gone, and portal audit events past their retention. */
export const runMaintenance = async (options: MaintenanceOptions): Promise<{ loginFailuresPruned: number; auditEventsPruned: number }> => {
  const ago = (days: number) => new Date(options.now.getTime() - days * DAY_MS);
  const [loginFailuresPruned, , auditEventsPruned] = await Promise.all([
    pruneLoginFailures(ago(1)),
    pruneWorkerHeartbeats(ago(7)),
    pruneAuditEvents(ago(options.auditRetentionDays)),
  ]);
  return { loginFailuresPruned, auditEventsPruned };
};
