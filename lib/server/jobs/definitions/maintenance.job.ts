import { z } from "zod";
import { maintainActivityPartitions } from "../../services/activities/maintain-activity-partitions";
import { moveActivitiesToPartitions } from "../../services/activities/move-activities-to-partitions";
import { runMaintenance } from "../../services/health/run-maintenance";
import { loadRetentionPeriods } from "../../services/retention/plan-retention";
import { retentionCutoffs } from "../../services/retention/retention-periods";
import { defineJob } from "../define-job";

// Of the job's 300 s expiry, what the move of an unpartitioned activities table may take per run (it resumes).
const MOVE_BUDGET_MS = 120_000;

/**
 * Hourly housekeeping: prune expired login-failure rows, heartbeats of workers long gone and expired revoked sessions,
 * create the activities partitions ahead, and move an activities table still unpartitioned after the upgrade a batch
 * at a time (docs/data-model.md, "Partitions of activities"). Records with a retention period go in the daily
 * retention job.
 */
export const maintenanceJob = defineJob({
  name: "maintenance",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 300, policy: "singleton" },
  cron: "17 * * * *",
  handler: async (_payload, { logger }) => {
    const now = new Date();
    const result = await runMaintenance({ now });
    const retainFrom = retentionCutoffs(await loadRetentionPeriods(), now).activities;
    const partitions = await maintainActivityPartitions({ now, retainFrom });
    const move = await moveActivitiesToPartitions({ budgetMs: MOVE_BUDGET_MS });
    logger.info({ ...result, partitionsCreated: partitions.created, movedFromDefault: partitions.movedFromDefault, move }, "maintenance done");
  },
});
