import { getEnv } from "../../../env";
import type { TRetentionCounts, TRetentionPeriodDto } from "../../../shared/schemas/retention";
import { countActivityPartition, expiredActivityPartitions } from "../../repositories/activity-retention-repository";
import {
  countExpiredAlerts,
  countExpiredAuditEvents,
  countExpiredDeliveries,
  countExpiredGovernance,
  countExpiringIncidents,
  getRetentionSettingsRow,
} from "../../repositories/retention-repository";
import { resolveRetentionPeriods, retentionCutoffs } from "./retention-periods";

export const loadRetentionPeriods = async (): Promise<TRetentionPeriodDto[]> => resolveRetentionPeriods(await getRetentionSettingsRow(), getEnv());

/** The dry run: what a retention run at `now` would remove, and what it would keep past retention and why. */
export const planRetention = async (now: Date = new Date()): Promise<{ periods: TRetentionPeriodDto[]; counts: TRetentionCounts }> => {
  const periods = await loadRetentionPeriods();
  const cutoff = retentionCutoffs(periods, now);
  const partitions = await expiredActivityPartitions(cutoff.activities);
  const [alerts, incidents, governance, deliveries, audit] = await Promise.all([
    countExpiredAlerts(cutoff.alerts),
    countExpiringIncidents(cutoff.alerts),
    countExpiredGovernance(cutoff.governance),
    countExpiredDeliveries(cutoff.deliveries),
    countExpiredAuditEvents(cutoff.audit),
  ]);
  let activities = 0;
  let activitiesKept = 0;
  // One partition at a time: each count reads a month of activities.
  for (const partition of partitions) {
    const counted = await countActivityPartition(partition);
    activities += counted.rows - counted.kept;
    activitiesKept += counted.kept;
  }
  return {
    periods,
    counts: { activities, activitiesKept, partitions: partitions.map((p) => p.name), alerts: alerts.expired, alertsKept: alerts.kept, incidents, governance, deliveries, audit },
  };
};
