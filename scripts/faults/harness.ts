// The fault suite's moving parts: the worker process (kill -9 and restart), waiting with a deadline,
// and recording a row once a connector has recovered.
import { once } from "node:events";
import { startBenchWorker } from "../bench/lib/live-ingestion";
import type { TProbe } from "./probe";
import type { TFaultRow } from "./report";
import type { TTarget } from "./scenario";

export class SuiteFailure extends Error {}

const RECOVERY_TIMEOUT_MS = 300_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const createHarness = (options: Readonly<{ probe: TProbe; workerEnv: Readonly<Record<string, string>>; logFile: string }>) => {
  const { probe } = options;
  const rows: TFaultRow[] = [];
  const startWorker = () => startBenchWorker(options.workerEnv, { logFile: options.logFile });
  let worker = startWorker();
  const isRunning = () => worker.child.exitCode === null && worker.child.signalCode === null;
  // The product's own view of the connector (imported once the environment points at the database).
  const statusOf = async (target: TTarget) => {
    const { getConnectorOrThrow } = await import("../../lib/server/services/connectors/get-connectors");
    return (await getConnectorOrThrow(target.connectorId)).status;
  };

  /** Polls `check` every 250 ms; a check that throws (database restarting) counts as not yet. */
  const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!isRunning()) throw new SuiteFailure(`the worker process died (${worker.child.signalCode ?? worker.child.exitCode}) while waiting for ${what}; its log: ${options.logFile}`);
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new SuiteFailure(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
      await sleep(250);
    }
  };

  const storedAtLeast = (target: TTarget, count: number) => async () => (await probe.storedCount(target.connectorId)) >= count;

  /** Waits until every posted event is stored and the connector is Connected by itself; returns the seconds since `clearedAt`. */
  const recover = async (target: TTarget, clearedAt: number): Promise<number> => {
    await waitUntil(
      `${target.name} to store all ${target.expected.size} events and show Connected`,
      async () => (await storedAtLeast(target, target.expected.size)()) && (await statusOf(target)) === "connected",
      RECOVERY_TIMEOUT_MS,
    );
    return (Date.now() - clearedAt) / 1000;
  };

  /** Checks stored activities against the simulator's events and alerts for duplicates; adds the row. */
  const record = async (fault: string, target: TTarget, recoverySeconds: number, injected: number) => {
    const check = await probe.checkActivities(target.connectorId, target.expected);
    const problems: string[] = [];
    if (injected < 1) problems.push("the fault never hit a request");
    if (check.stored !== target.expected.size || check.missing > 0 || check.unexpected > 0 || check.duplicates > 0) {
      problems.push(`stored ${check.stored} of ${target.expected.size} events: ${check.missing} missing, ${check.unexpected} unexpected, ${check.duplicates} duplicated`);
    }
    problems.push(...(await probe.alertDuplicates()).map((d) => `duplicated alerts: ${d}`));
    rows.push({ fault, injected, expected: target.expected.size, stored: check.stored, duplicates: check.duplicates, missing: check.missing, recoverySeconds, problems });
    console.log(`  ${problems.length === 0 ? "ok" : "FAILED"}  ${fault}: ${check.stored}/${target.expected.size} stored, recovered in ${recoverySeconds.toFixed(1)} s${problems.length ? ` (${problems.join("; ")})` : ""}`);
  };

  return {
    rows,
    statusOf,
    waitUntil,
    storedAtLeast,
    recover,
    record,
    /** kill -9 of the worker once `when` holds, then a new worker at once; records the recovery. */
    killWorkerWhen: async (fault: string, target: TTarget, what: string, when: () => Promise<boolean>) => {
      await waitUntil(what, when, 180_000);
      const exited = once(worker.child, "exit");
      worker.stop();
      await exited;
      worker = startWorker();
      const restartedAt = Date.now();
      await record(fault, target, await recover(target, restartedAt), 1);
    },
    stopWorker: () => worker.stop(),
  };
};

export type THarness = ReturnType<typeof createHarness>;
