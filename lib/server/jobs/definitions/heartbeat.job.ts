import { z } from "zod";
import { recordWorkerHeartbeat } from "../../services/health/record-worker-heartbeat";
import { defineJob } from "../define-job";

export const ZHeartbeatPayload = z.object({ workerId: z.string().min(1), hostname: z.string(), startedAt: z.iso.datetime() });

/** Round trip through the queue: a fresh heartbeat proves the worker, pg-boss and the database all work. */
export const heartbeatJob = defineJob({
  name: "heartbeat",
  schema: ZHeartbeatPayload,
  queue: { retryLimit: 0, expireInSeconds: 30, policy: "standard" },
  handler: async (payload) => {
    await recordWorkerHeartbeat({ workerId: payload.workerId, hostname: payload.hostname, startedAt: new Date(payload.startedAt) });
  },
});
