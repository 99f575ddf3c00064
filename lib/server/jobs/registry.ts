import type { JobDefinition } from "./define-job";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { maintenanceJob } from "./definitions/maintenance.job";
import { syncConnectorJob } from "./definitions/sync-connector.job";

/** Every job the worker runs. */
export const JOBS = [heartbeatJob, maintenanceJob, syncConnectorJob] as const satisfies readonly JobDefinition[];
