import type { JobDefinition } from "./define-job";
import { detectJob } from "./definitions/detect.job";
import { governJob } from "./definitions/govern.job";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { maintenanceJob } from "./definitions/maintenance.job";
import { notifyJob } from "./definitions/notify.job";
import { postureJob } from "./definitions/posture.job";
import { syncConnectorJob } from "./definitions/sync-connector.job";
import { updateRollupsJob } from "./definitions/update-rollups.job";

/** Every job the worker runs. */
export const JOBS = [heartbeatJob, maintenanceJob, syncConnectorJob, updateRollupsJob, detectJob, postureJob, governJob, notifyJob] as const satisfies readonly JobDefinition[];
