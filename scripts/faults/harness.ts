// The fault suite's moving parts: the worker process (kill -9 and restart), waiting with a deadline,
// and recording a row once a connector has recovered.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { startBenchWorker } from "../bench/lib/live-ingestion";
import type { TProbe } from "./probe";
import type { TFaultRow } from "./report";
import type { TTarget } from "./scenario";

export class SuiteFailure extends Error {}

const RECOVERY_TIMEOUT_MS = 300_000;
/**
 * Worker restart rows: the target for the first new alert and a queued governance action, from the moment the
 * new worker is up (or from the kill, when another worker runs). Missing it is reported; only a stall past
 * RESTART_STALL_SECONDS (what a dead worker's stately job used to cost: 60–300 s) fails the row, so that a
 * busy CI machine does not fail the suite on a second of CPU contention.
 */
export const RESTART_TARGET_SECONDS = 5;
const RESTART_STALL_SECONDS = 15;
const DETECTION_BATCH = 5_000;
const TRICKLE_EVENTS = 50;

/** The process group of a process (the bench worker's tsx leader), from /proc. */
const processGroupOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[2]);
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
    ).catch(async (error: unknown) => {
      if (!(error instanceof SuiteFailure)) throw error;
      // Where it stood, so that a timeout says more than "timed out".
      const [stored, status] = await Promise.all([probe.storedCount(target.connectorId).catch(() => -1), statusOf(target).catch(() => "unknown")]);
      throw new SuiteFailure(`${error.message} (stored ${stored}, status ${status})`);
    });
    return (Date.now() - clearedAt) / 1000;
  };

  /** Checks stored activities against the simulator's events and alerts for duplicates; adds the row. */
  const record = async (
    fault: string,
    target: TTarget,
    recoverySeconds: number,
    injected: number,
    restart: Readonly<{ alertSeconds: number; actionSeconds: number; stopSeconds?: number; startSeconds?: number }> | null = null,
    extraProblems: readonly string[] = [],
  ) => {
    const check = await probe.checkActivities(target.connectorId, target.expected);
    const problems: string[] = [...extraProblems];
    if (injected < 1) problems.push("the fault never hit a request");
    if (restart && restart.alertSeconds > RESTART_STALL_SECONDS) problems.push(`first new alert after ${restart.alertSeconds.toFixed(1)} s: a stall`);
    if (restart && restart.actionSeconds > RESTART_STALL_SECONDS) problems.push(`governance action succeeded after ${restart.actionSeconds.toFixed(1)} s: a stall`);
    if (restart?.stopSeconds !== undefined && restart.stopSeconds > RESTART_TARGET_SECONDS) problems.push(`graceful stop took ${restart.stopSeconds.toFixed(1)} s (at most ${RESTART_TARGET_SECONDS} s)`);
    const missed = restart ? [restart.alertSeconds, restart.actionSeconds].some((v) => v > RESTART_TARGET_SECONDS) : false;
    const restartNote = restart
      ? ` (${restart.startSeconds === undefined ? "" : `worker up ${restart.startSeconds.toFixed(1)} s after its spawn; `}target ${RESTART_TARGET_SECONDS} s ${missed ? `MISSED, load average ${loadavg()[0]?.toFixed(1)}` : "met"})`
      : "";
    if (check.stored !== target.expected.size || check.missing > 0 || check.unexpected > 0 || check.duplicates > 0) {
      problems.push(`stored ${check.stored} of ${target.expected.size} events: ${check.missing} missing, ${check.unexpected} unexpected, ${check.duplicates} duplicated`);
    }
    problems.push(...(await probe.alertDuplicates()).map((d) => `duplicated alerts: ${d}`));
    rows.push({
      fault,
      injected,
      expected: target.expected.size,
      stored: check.stored,
      duplicates: check.duplicates,
      missing: check.missing,
      recoverySeconds,
      alertSeconds: restart?.alertSeconds,
      actionSeconds: restart?.actionSeconds,
      problems,
    });
    console.log(`  ${problems.length === 0 ? "ok" : "FAILED"}  ${fault}: ${check.stored}/${target.expected.size} stored, recovered in ${recoverySeconds.toFixed(1)} s${restartNote}${problems.length ? ` (${problems.join("; ")})` : ""}`);
  };

  let actions = 0;
  /** Queues an (idempotent) unsuspend of one of the org's members through the product's service; returns its id. */
  const queueAction = async (target: TTarget): Promise<string> => {
    const { requestGovernanceAction } = await import("../../lib/server/services/governance/request-governance-action");
    const { makeUser } = await import("../../lib/testing/factories");
    const member = target.members[actions++ % target.members.length];
    if (!member) throw new SuiteFailure(`${target.name} has no members`);
    const { principal } = await makeUser("analyst");
    const input = { action: "unsuspend_user" as const, accountId: member.accountId, connectorId: target.connectorId, reason: "Fault suite: queued while no worker runs" };
    return (await requestGovernanceAction({ actor: principal, input })).id;
  };

  /** Seconds from `from` to the traveller's impossible-travel alert and to the action succeeding. */
  const measureRestart = async (target: TTarget, traveller: string | undefined, actionId: string, from: number) => {
    if (!traveller) throw new SuiteFailure(`${target.name}: no traveller left for a restart row`);
    const alertAt = waitUntil(`${traveller}'s impossible-travel alert`, async () => ((await probe.alertsPerUser(target.connectorId, "impossible_travel")).get(traveller) ?? 0) >= 1, 120_000).then(() => Date.now());
    const actionAt = waitUntil(`governance action ${actionId} to succeed`, async () => (await probe.governanceStatus(actionId)) === "succeeded", 120_000).then(() => Date.now());
    const [alert, action] = await Promise.all([alertAt, actionAt]);
    return { alertSeconds: (alert - from) / 1000, actionSeconds: (action - from) / 1000 };
  };

  /** Issue 22: a session-policy match stored while no worker runs (or as one is killed) raises exactly one alert. */
  const checkSessionAlert = async (target: TTarget, policyKey: string): Promise<string[]> => {
    const count = () => probe.sessionAlertCount(target.connectorId, policyKey);
    try {
      await waitUntil(`${target.name}'s session-policy alert`, async () => (await count()) >= 1, 60_000);
    } catch {
      return ["the session-policy alert of a request stored during the restart never came"];
    }
    const n = await count();
    return n === 1 ? [] : [`${n} session-policy alerts for one request, expected 1`];
  };

  return {
    rows,
    /**
     * The worker stops (SIGTERM: graceful; SIGKILL: kill -9); while none runs, a traveller hops, a governance
     * action is queued and a session policy matches a request; then a new worker starts. Records seconds from the restart to the alert and the action.
     */
    restartWorker: async (fault: string, target: TTarget, signal: "SIGTERM" | "SIGKILL") => {
      const exited = once(worker.child, "exit");
      const stopAsked = Date.now();
      if (signal === "SIGTERM") worker.terminate();
      else worker.stop();
      await exited;
      const stopSeconds = (Date.now() - stopAsked) / 1000;
      const traveller = await target.postBatch(1_000, true);
      const actionId = await queueAction(target);
      const sessionPolicyKey = await probe.insertSessionMatch(target.connectorId);
      const before = new Set(await probe.liveWorkerKeys());
      worker = startWorker();
      const spawnedAt = Date.now();
      // "Within 5 s of a worker being available": from the moment it holds its presence lock (its loops run).
      await waitUntil("the new worker's presence", async () => (await probe.liveWorkerKeys()).some((key) => !before.has(key)), 60_000);
      const upAt = Date.now();
      const figures = await measureRestart(target, traveller, actionId, upAt);
      const sessionProblems = await checkSessionAlert(target, sessionPolicyKey);
      const restart = { ...figures, startSeconds: (upAt - spawnedAt) / 1000, ...(signal === "SIGTERM" ? { stopSeconds } : {}) };
      await record(fault, target, await recover(target, upAt), 1, restart, sessionProblems);
    },
    /**
     * Two workers; once one is mid-detection (holds the detection cursor inside a batch), it is killed -9.
     * Right after, a traveller hops and an action is queued: seconds from the kill to each, on the survivor.
     */
    killOneOfTwo: async (fault: string, target: TTarget) => {
      const second = startWorker();
      await sleep(3_000);
      // The org stays busy throughout (as when detection is mid-batch for real), so the figures measure the
      // takeover, not a quiet org's polling backoff.
      let isBusy = true;
      const trickle = (async () => {
        while (isBusy) {
          await target.postBatch(TRICKLE_EVENTS, false);
          await sleep(500);
        }
      })();
      // Batches small enough that the survivor clears what is left within a second or two, repeated until a
      // probe catches a worker inside a detection transaction.
      let holder: string | null = null;
      for (let attempt = 0; holder === null; attempt++) {
        if (attempt === 20) throw new SuiteFailure("no worker was ever caught mid-detection");
        await target.postBatch(DETECTION_BATCH, false);
        const until = Date.now() + 15_000;
        while (holder === null && Date.now() < until) holder = await probe.detectionHolder(target.connectorId);
      }
      const holderPid = Number((holder ?? "").split("-").pop());
      const victim = processGroupOf(holderPid) === worker.pid ? worker : second;
      const exited = once(victim.child, "exit");
      victim.stop();
      const killedAt = Date.now();
      worker = victim === worker ? second : worker;
      const traveller = await target.postBatch(100, true);
      const actionId = await queueAction(target);
      const sessionPolicyKey = await probe.insertSessionMatch(target.connectorId);
      await exited;
      const figures = await measureRestart(target, traveller, actionId, killedAt).finally(() => (isBusy = false));
      await trickle;
      await record(fault, target, await recover(target, killedAt), 1, figures, await checkSessionAlert(target, sessionPolicyKey));
    },
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
