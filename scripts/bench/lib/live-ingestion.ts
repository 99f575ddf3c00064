// Live ingestion for benchmarks (bench:steady, bench:load): a real worker process syncing a simulator org
// that receives `rate` login events a second, and the lag from the event's processedAt to stored_at.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { loginEvents, postEvents } from "../../../lib/testing/sim-org";
import { percentile } from "../bench-setup";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of a whole process group (tsx runs node as a child), in MB. */
export const groupRssMb = (pgid: number): number => {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
    return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
  } catch {
    return 0;
  }
};

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
};

/**
 * `npm run worker` as its own process group (with the caller's environment: DATABASE_URL and the secret
 * set by startBenchDatabase), so `stop` kills tsx and its node child together (kill -9: no shutdown hook
 * runs). `logFile` appends the worker's output there instead of dropping stdout and passing stderr on.
 */
export const startBenchWorker = (env: Readonly<Record<string, string>> = {}, options: Readonly<{ logFile?: string }> = {}) => {
  const log = options.logFile ? openSync(options.logFile, "a") : undefined;
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["lib/server/jobs/worker.ts"], {
    env: { ...process.env, WATCHPOST_SERVICE: "worker", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", log ?? "ignore", log ?? "inherit"],
    detached: true,
  });
  if (log !== undefined) closeSync(log);
  const pid = child.pid ?? 0;
  return {
    pid,
    child,
    rssMb: () => groupRssMb(pid),
    /** kill -9 of the whole process group (tsx and the worker). */
    stop: () => signalGroup(pid, "SIGKILL"),
    /** A graceful stop request, as a service manager or Ctrl-C sends it. */
    terminate: () => signalGroup(pid, "SIGTERM"),
  };
};

type TMember = Readonly<{ accountId: string; name: string; email: string }>;

/**
 * Posts `rate` login events to the simulator org every second, on the second, for `seconds` or until
 * `shouldStop()`; `onSecond` runs after each post (e.g. to sample RSS). Returns the number of events posted.
 */
export const postLiveActivity = async (
  options: Readonly<{ baseUrl: string; orgId: string; members: readonly TMember[]; rate: number; seconds?: number; shouldStop?: () => boolean; onSecond?: () => void }>,
): Promise<number> => {
  const started = Date.now();
  let posted = 0;
  for (let second = 0; second < (options.seconds ?? Number.POSITIVE_INFINITY) && !options.shouldStop?.(); second++) {
    await postEvents(options.baseUrl, options.orgId, loginEvents(options.members, options.rate, Date.now() - 500));
    posted += options.rate;
    options.onSecond?.();
    await sleep(Math.max(0, started + (second + 1) * 1000 - Date.now()));
  }
  return posted;
};

/** Activities of a connector (all when omitted), optionally only those processed in [from, to). */
type TLagScope = Readonly<{ connectorId?: string; from?: Date; to?: Date }>;

const scopeSql = (scope: TLagScope): { where: string; values: unknown[] } => {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (scope.connectorId) clauses.push(`connector_id = $${values.push(scope.connectorId)}`);
  if (scope.from) clauses.push(`processed_at >= $${values.push(scope.from)}`);
  if (scope.to) clauses.push(`processed_at < $${values.push(scope.to)}`);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", values };
};

/** Waits (at most `timeoutSeconds`) until the scope holds `expected` activities; `onPoll` runs every second. */
export const waitForStored = async (client: pg.Client, expected: number, scope: TLagScope = {}, options: Readonly<{ timeoutSeconds?: number; onPoll?: () => void }> = {}) => {
  const { where, values } = scopeSql(scope);
  const count = async () => Number((await client.query(`SELECT count(*) AS n FROM activities ${where}`, values)).rows[0].n);
  for (let i = 0; i < (options.timeoutSeconds ?? 60) && (await count()) < expected; i++) {
    options.onPoll?.();
    await sleep(1000);
  }
};

/** Seconds from processedAt (the simulator's receipt) to stored_at, for every activity in the scope. */
export const readIngestionLags = async (client: pg.Client, scope: TLagScope = {}): Promise<number[]> => {
  const { where, values } = scopeSql(scope);
  return (await client.query<{ lag: number }>(`SELECT EXTRACT(EPOCH FROM stored_at - processed_at)::float8 AS lag FROM activities ${where}`, values)).rows.map((r) => r.lag);
};

export const summarizeLags = (lags: readonly number[]) => ({
  p50: Number(percentile(lags, 50).toFixed(2)),
  p95: Number(percentile(lags, 95).toFixed(2)),
  max: Number((lags.length ? Math.max(...lags) : 0).toFixed(2)),
});
