import cluster, { type Worker } from "node:cluster";

/**
 * The web tier on every core: node:cluster's primary owns PORT and hands each new connection to the next web
 * process in turn (SCHED_RR, also on platforms whose default is to let the kernel pick). Node's own module, so
 * nothing to install, and the processes share nothing but the port: sessions are JWTs, and what they cache is
 * invalidated through PostgreSQL (services/auth/principal-cache.ts). The primary loads no Next.js: it only
 * forks, restarts and stops.
 */

/** A crashed web process is forked again after this, doubled for each crash in a row, up to RESTART_MAX_MS. */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A process that served this long resets its slot's crash count. */
const STABLE_AFTER_MS = 60_000;

type Say = (line: string) => void;

type Slot = { worker: Worker; startedAt: number; crashes: number; hasListened: boolean };

/**
 * Runs `processes` web processes (this script again, as cluster workers) and keeps them running: a process that
 * dies is forked again after a backoff while the others keep serving. A process that fails before any has
 * listened (port in use, no build) fails the start, as a single process would. The first is forked alone, the
 * others once it serves. SIGINT/SIGTERM stop all of them
 * within `stopDeadlineMs`; resolves never (the process exits).
 */
export const runWebPrimary = (options: Readonly<{ processes: number; port: number; stopDeadlineMs: number; say: Say; fail: Say }>): void => {
  const { processes, say } = options;
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const slots: Slot[] = [];
  const started = Date.now();
  let isAllUpSaid = false;
  let isStopping = false;

  const fork = (index: number, crashes: number) => {
    const worker = cluster.fork();
    const slot: Slot = { worker, startedAt: Date.now(), crashes, hasListened: false };
    slots[index] = slot;
    worker.on("listening", () => {
      // The others start once the first serves: on busy cores, processes preparing Next.js side by side would all
      // be slower to serve the first request than one alone (start-up time is that of a single process).
      if (!slot.hasListened && !slots.some((s) => s.hasListened)) for (let other = 1; other < processes; other += 1) fork(other, 0);
      slot.hasListened = true;
      if (!isAllUpSaid && slots.length === processes && slots.every((s) => s.hasListened)) {
        isAllUpSaid = true;
        say(`listening on port ${options.port} (${processes} web processes, all up in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    });
    worker.on("exit", (code, signal) => {
      if (isStopping || slots[index] !== slot) return;
      const cause = signal ?? `code ${code}`;
      // Never up at all (none of them): the same failure will repeat, so the start fails as one process would.
      if (!slot.hasListened && !slots.some((s) => s.hasListened)) {
        isStopping = true;
        for (const other of slots) if (!other.worker.isDead()) other.worker.process.kill("SIGKILL");
        options.fail(`web process ${worker.process.pid} exited (${cause}) before serving; stopping`);
        return;
      }
      const inARow = Date.now() - slot.startedAt >= STABLE_AFTER_MS ? 0 : slot.crashes + 1;
      const waitMs = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** Math.max(0, inARow - 1));
      say(`web process ${worker.process.pid} exited (${cause}); the other ${processes - 1} keep serving, restarting it in ${waitMs / 1000} s`);
      setTimeout(() => !isStopping && fork(index, inARow), waitMs);
    });
  };

  fork(0, 0);

  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    const stopping = Date.now();
    const live = slots.map((s) => s.worker).filter((w) => !w.isDead());
    const exit = () => {
      say(`stopped (${signal}) in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
      process.exit(0);
    };
    let left = live.length;
    if (left === 0) return exit();
    for (const worker of live) {
      worker.once("exit", () => --left === 0 && exit());
      // Each drains its own requests (scripts/web.ts) within the deadline; the primary waits a little longer.
      worker.process.kill("SIGTERM");
    }
    setTimeout(() => {
      for (const worker of live) if (!worker.isDead()) worker.process.kill("SIGKILL");
      exit();
    }, options.stopDeadlineMs + 500).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

/** True in a web process forked by runWebPrimary. */
export const isWebClusterWorker = (): boolean => cluster.isWorker;
