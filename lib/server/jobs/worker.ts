// The worker process: `npm run worker`. Runs every job in the registry on pg-boss, and heartbeats.
import "./refuse-start-without-secret";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
// eslint-disable-next-line no-restricted-imports -- the process entry point closes the pool on shutdown
import { disconnectDb } from "../db";
import { getEnv } from "../../env";
import { logger as rootLogger } from "../logger";
import { createBoss, enqueue } from "./boss";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { syncConnectorJob } from "./definitions/sync-connector.job";
import { ensureBuiltinPolicies } from "../services/detection/ensure-builtin-policies";
import { findDueConnectors } from "../services/sync/find-due-connectors";
import { JOBS } from "./registry";

const HEARTBEAT_INTERVAL_MS = 15_000;
const SCHEDULE_INTERVAL_MS = 2_000;

const main = async () => {
  getEnv();
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const logger = rootLogger.child({ workerId });
  const boss = createBoss();
  let isStopping = false;
  // On Ctrl-C the whole process group, Postgres included, stops at once: errors while stopping are expected.
  boss.on("error", (error) => (isStopping ? logger.debug({ err: error }, "pg-boss error while stopping") : logger.error({ err: error }, "pg-boss error")));
  await boss.start();
  await ensureBuiltinPolicies();

  for (const job of JOBS) {
    const { policy, ...queueOptions } = job.queue;
    await boss.createQueue(job.name, { ...queueOptions, policy });
    await boss.work<unknown>(job.name, { localConcurrency: job.localConcurrency ?? 1 }, async (jobs) => {
      for (const item of jobs) {
        const jobLogger = logger.child({ job: job.name, jobId: item.id });
        const payload = job.schema.safeParse(item.data);
        if (!payload.success) {
          jobLogger.error({ issues: payload.error.issues }, "invalid job payload; dropped");
          continue;
        }
        await job.handler(payload.data as never, { logger: jobLogger, jobId: item.id });
      }
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  }
  // Sub-minute polling jobs (e.g. rollups): offered by every worker; the queue keeps at most one waiting.
  const pollers = JOBS.flatMap((job) =>
    job.everySeconds
      ? [setInterval(() => void boss.send(job.name, {}, { singletonKey: job.name }).catch((error: unknown) => logger.warn({ err: error, job: job.name }, "job not queued")), job.everySeconds * 1000)]
      : [],
  );

  const startedAt = new Date().toISOString();
  const beat = () =>
    enqueue(boss, heartbeatJob, { workerId, hostname: hostname(), startedAt }).catch((error: unknown) => logger.warn({ err: error }, "heartbeat not queued"));
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  // Sync scheduling: every worker offers due connectors; the stately queue and the lease keep one sync each.
  const scheduleSyncs = async () => {
    const due = await findDueConnectors({ pollSeconds: getEnv().WATCHPOST_SYNC_POLL_SECONDS });
    for (const connectorId of due) await enqueue(boss, syncConnectorJob, { connectorId }, { singletonKey: connectorId });
  };
  const scheduler = setInterval(() => void scheduleSyncs().catch((error: unknown) => logger.warn({ err: error }, "sync scheduling failed")), SCHEDULE_INTERVAL_MS);
  logger.info({ jobs: JOBS.map((j) => j.name) }, "worker started");

  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, "worker stopping");
    clearInterval(timer);
    clearInterval(scheduler);
    for (const poller of pollers) clearInterval(poller);
    await boss.stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
};

main().catch((error: unknown) => {
  rootLogger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
