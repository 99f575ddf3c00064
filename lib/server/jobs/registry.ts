import type { JobDefinition } from "./define-job";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { maintenanceJob } from "./definitions/maintenance.job";

/** Every job the worker runs. */
export const JOBS = [heartbeatJob, maintenanceJob] as const satisfies readonly JobDefinition[];
