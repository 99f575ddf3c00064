import type { TRetentionCounts } from "../../../shared/schemas/retention";
import {
  countExpiredActivityPartition,
  dropExpiredActivityPartitions,
  expireActivityPartition,
  expiredActivityPartitions,
} from "../../repositories/activity-retention-repository";
import { appendAuditEvent, pruneAuditEvents } from "../../repositories/audit-repository";
import {
  countExpiredAlerts,
  deleteEmptyIncidents,
  deleteExpiredAlerts,
  deleteExpiredDeliveries,
  deleteExpiredGovernance,
  withRetentionLock,
} from "../../repositories/retention-repository";
import type { Principal } from "../principal";
import { loadRetentionPeriods } from "./plan-retention";
import { retentionCutoffs } from "./retention-periods";

export type RetentionRunResult = Readonly<{ counts: TRetentionCounts; ran: boolean }>;

/**
 * Removes what is past retention, oldest kinds first: closed alerts (not held) and the incidents left empty, then
 * activity partitions (whose kept rows survive: they are linked to the alerts that remain, or held), governance log,
 * deliveries and the portal audit log. Each step commits in batches, so a crash loses nothing but the batch under
 * way and the next run finishes the job. The run is recorded in the portal audit log with its counts.
 */
export const runRetention = async (options: Readonly<{ now?: Date; actor?: Pick<Principal, "userId" | "email" | "ip"> | null }> = {}): Promise<RetentionRunResult> => {
  const now = options.now ?? new Date();
  const done = await withRetentionLock(async () => {
    const cutoff = retentionCutoffs(await loadRetentionPeriods(), now);
    const alertsKept = (await countExpiredAlerts(cutoff.alerts)).kept;
    const alerts = await deleteExpiredAlerts(cutoff.alerts);
    const incidents = await deleteEmptyIncidents(cutoff.alerts);
    await dropExpiredActivityPartitions();
    const partitions = await expiredActivityPartitions(cutoff.activities);
    let activities = 0;
    let activitiesKept = 0;
    for (const partition of partitions) {
      const { kept } = await expireActivityPartition(partition);
      activities += (await countExpiredActivityPartition(partition)) - kept;
      activitiesKept += kept;
    }
    await dropExpiredActivityPartitions();
    const governance = await deleteExpiredGovernance(cutoff.governance);
    const deliveries = await deleteExpiredDeliveries(cutoff.deliveries);
    const audit = await pruneAuditEvents(cutoff.audit);
    const counts: TRetentionCounts = { activities, activitiesKept, partitions: partitions.map((p) => p.name), alerts, alertsKept, incidents, governance, deliveries, audit };
    const actor = options.actor ?? null;
    await appendAuditEvent({
      action: "retention.run",
      actorId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      ip: actor?.ip ?? null,
      targetType: "retention",
      targetName: actor ? "Run now" : "Daily run",
      details: { ...counts, partitions: counts.partitions.join(", ") },
    });
    return counts;
  });
  return done ? { ran: true, counts: done } : { ran: false, counts: emptyCounts() };
};

const emptyCounts = (): TRetentionCounts => ({ activities: 0, activitiesKept: 0, partitions: [], alerts: 0, alertsKept: 0, incidents: 0, governance: 0, deliveries: 0, audit: 0 });
