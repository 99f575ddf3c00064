import { pruneWorkerHeartbeats } from "../../repositories/health-repository";
import { pruneLoginFailures } from "../../repositories/login-failure-repository";

const DAY_MS = 24 * 60 * 60 * 1000;

export const runMaintenance = async (options: Readonly<{ now: Date }>): Promise<{ loginFailuresPruned: number }> => {
  const dayAgo = new Date(options.now.getTime() - DAY_MS);
  const [loginFailuresPruned] = await Promise.all([pruneLoginFailures(dayAgo), pruneWorkerHeartbeats(new Date(options.now.getTime() - 7 * DAY_MS))]);
  return { loginFailuresPruned };
};
