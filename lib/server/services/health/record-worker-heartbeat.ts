import { upsertWorkerHeartbeat } from "../../repositories/health-repository";

export const recordWorkerHeartbeat = (options: Readonly<{ workerId: string; hostname: string; startedAt: Date; now?: Date }>): Promise<void> =>
  upsertWorkerHeartbeat({ workerId: options.workerId, hostname: options.hostname, startedAt: options.startedAt, beatAt: options.now ?? new Date() });
