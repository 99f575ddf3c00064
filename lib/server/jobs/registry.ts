import type { JobDefinition } from "./define-job";
import type { LoopDefinition } from "./define-loop";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { maintenanceJob } from "./definitions/maintenance.job";
import { postureJob } from "./definitions/posture.job";
import { retentionJob } from "./definitions/retention.job";
import { syncConnectorJob } from "./definitions/sync-connector.job";
import { updateRollupsJob } from "./definitions/update-rollups.job";
import { detectLoop } from "./loops/detect.loop";
import { governLoop } from "./loops/govern.loop";
import { notifyLoop } from "./loops/notify.loop";
import { priorityLoop } from "./loops/priority.loop";

/** Every job the worker takes from pg-boss (sync first: a restarted worker polls its connectors soonest). */
export const JOBS = [syncConnectorJob, heartbeatJob, maintenanceJob, updateRollupsJob, postureJob, retentionJob] as const satisfies readonly JobDefinition[];

/** Every continuous loop each worker runs (outbox consumers). */
export const LOOPS = [detectLoop, governLoop, notifyLoop, priorityLoop] as const satisfies readonly LoopDefinition[];

/** Queues of earlier versions, now loops: removed at start so their old jobs never linger. */
export const RETIRED_QUEUES = ["detect", "govern", "notify"] as const;
