// The worker process: `npm run worker`. Runs every pg-boss job of the registry, every outbox loop, and heartbeats.
import "./refuse-start-without-secret";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
// eslint-disable-next-line no-restricted-imports -- the process entry point closes the pool on shutdown
import { disconnectDb } from "../db";
import { getEnv } from "../../env";
import { logger as rootLogger } from "../logger";
import { openWorkerPresence } from "../repositories/worker-presence-repository";
import { bindStoredSecretsAtStart } from "../runtime/bind-stored-secrets";
import { isPostgresShutdown } from "../runtime/postgres-shutdown";
import { markProcessStopping } from "../runtime/process-stopping";
import { heartbeatJob } from "./definitions/heartbeat.job";
import { SYNC_LEASE_OWNER, syncConnectorJob } from "./definitions/sync-connector.job";
import { findDueConnectors, pollEveryConnectorSoon } from "../services/sync/find-due-connectors";
import { releaseSyncLeases } from "../services/sync/release-sync-leases";
import { JOBS, LOOPS, RETIRED_QUEUES } from "./registry";
import { runLoops } from "./run-loops";

const HEARTBEAT_INTERVAL_MS = 15_000;
const SCHEDULE_INTERVAL_MS = 1_000;
/** A graceful stop is over within this, whatever is in flight: claims and leases free themselves. */
const STOP_DEADLINE_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const brief = (error: unknown) => ({ code: (error as { code?: string }).code, message: (error as Error).message });

const main = async () => {
  const env = getEnv();
  const workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const logger = rootLogger.child({ workerId });
  const bootStarted = performance.now();
  // Before any job or loop opens a stored secret: v1 values an upgrade left are rebound to their rows.
  const bound = await bindStoredSecretsAtStart(env);
  if (bound) logger[bound.isWarning ? "warn" : "info"](bound.line);
  let isStopping = false;
  const stopping = () => isStopping;
  // Presence and the outbox loops first: after a restart, detection, governance and notifications resume before
  // the queue is even set up (define-loop.ts).
  const presence = await openWorkerPresence(logger);
  const loops = runLoops(LOOPS, { logger, isStopping: stopping, claimant: presence.key });
  const loopsAt = performance.now();

  // Loaded only now (about a second of module loading on a busy machine): the loops above are already running.
  const { createBoss, enqueue } = await import("./boss");
  const boss = createBoss();
  // On Ctrl-C the whole process group, Postgres included, stops at once: errors while stopping, or the server
  // saying it shuts down (which can reach pg-boss before this process's own signal), are expected.
  boss.on("error", (error) =>
    isStopping || isPostgresShutdown(error) ? logger.debug(brief(error), "pg-boss connection closed") : logger.error(brief(error), "pg-boss error"),
  );
  await boss.start().catch((error: unknown) => {
    // The worker's role may not create pg-boss's schema (migrate: false): the owner's migrate step does.
    if (/not installed|requires migrations/.test((error as Error).message)) throw new Error(`${(error as Error).message}: run npm start or npm run db:migrate:deploy first`);
    throw error;
  });

  const setUpJob = async (job: (typeof JOBS)[number]) => {
    const { policy, ...queueOptions } = job.queue;
    await boss.createQueue(job.name, { ...queueOptions, policy });
    // createQueue leaves an existing queue as it was: settings changed since (e.g. notify) apply here.
    await boss.updateQueue(job.name, queueOptions);
    const workOptions = { localConcurrency: job.localConcurrency ?? 1, ...(job.pollingIntervalSeconds ? { pollingIntervalSeconds: job.pollingIntervalSeconds } : {}) };
    await boss.work<unknown>(job.name, workOptions, async (jobs) => {
      for (const item of jobs) {
        const jobLogger = logger.child({ job: job.name, jobId: item.id });
        const payload = job.schema.safeParse(item.data);
        if (!payload.success) {
          jobLogger.error({ issues: payload.error.issues }, "invalid job payload; dropped");
          continue;
        }
        await job.handler(payload.data as never, { logger: jobLogger, jobId: item.id, isStopping: stopping, claimant: presence.key });
      }
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  };

  // Sync first, and scheduled at once: after a restart the connectors are polled before the other queues exist.
  await setUpJob(syncConnectorJob);
  const scheduleSyncs = async () => {
    const due = await findDueConnectors({ pollSeconds: getEnv().WATCHPOST_SYNC_POLL_SECONDS });
    for (const connectorId of due) await enqueue(boss, syncConnectorJob, { connectorId }, { singletonKey: connectorId });
  };
  await pollEveryConnectorSoon({ pollSeconds: getEnv().WATCHPOST_SYNC_POLL_SECONDS }).catch((error: unknown) => logger.warn(brief(error), "poll intervals not reset"));
  const trySchedule = () => void scheduleSyncs().catch((error: unknown) => logger.warn(brief(error), "sync scheduling failed"));
  // Every worker offers due connectors; the "short" queue and the lease keep one sync each.
  const scheduler = setInterval(trySchedule, SCHEDULE_INTERVAL_MS);
  trySchedule();

  await Promise.all([...JOBS.filter((job) => job !== syncConnectorJob).map(setUpJob), ...RETIRED_QUEUES.map((name) => boss.deleteQueue(name).catch(() => undefined))]);
  // Sub-minute polling jobs (e.g. rollups): offered by every worker; the queue keeps at most one waiting.
  const pollers = JOBS.flatMap((job) =>
    job.everySeconds
      ? [setInterval(() => void boss.send(job.name, {}, { singletonKey: job.name }).catch((error: unknown) => logger.warn({ ...brief(error), job: job.name }, "job not queued")), job.everySeconds * 1000)]
      : [],
  );

  const startedAt = new Date().toISOString();
  const beat = () => enqueue(boss, heartbeatJob, { workerId, hostname: hostname(), startedAt }).catch((error: unknown) => logger.warn(brief(error), "heartbeat not queued"));
  await beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
  // performance.now() counts from the process start: module loading, then loops, then the queue.
  logger.info(
    { jobs: JOBS.map((j) => j.name), loops: LOOPS.map((l) => l.name), presenceKey: presence.key, modulesMs: Math.round(bootStarted), loopsMs: Math.round(loopsAt), readyMs: Math.round(performance.now()) },
    "worker started",
  );

  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    markProcessStopping();
    const stopStarted = Date.now();
    clearInterval(timer);
    clearInterval(scheduler);
    for (const poller of pollers) clearInterval(poller);
    // Loops return within a poll interval; sync passes end after the page in hand. Past the deadline the
    // process exits anyway: an open transaction rolls back, and claims free with the presence lock.
    const drained = await Promise.race([
      Promise.all([loops, boss.stop({ graceful: true, timeout: STOP_DEADLINE_MS - 500 }).catch(() => undefined)]).then(() => true),
      sleep(STOP_DEADLINE_MS).then(() => false),
    ]);
    await Promise.race([
      (async () => {
        await releaseSyncLeases(SYNC_LEASE_OWNER).catch(() => undefined);
        await presence.close();
        await disconnectDb().catch(() => undefined);
      })(),
      sleep(500),
    ]);
    logger.info({ signal, seconds: Number(((Date.now() - stopStarted) / 1000).toFixed(1)), drained }, "worker stopped");
    // pino writes asynchronously: flush, or exit would drop the line.
    await new Promise<void>((resolve) => rootLogger.flush(() => resolve()));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
};

main().catch((error: unknown) => {
  rootLogger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
