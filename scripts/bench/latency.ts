// npm run bench:latency [-- --seconds 120 --rate 50 --episode-every 10 --restart kill9|none --drain-seconds 300 --poll-seconds 2|default]
// Event → alert latency (issue 17), end to end through a real worker process (prints JSON):
// a simulator org receives `rate` login events a second for `seconds` (in 100 ms ticks), plus a planted
// impossible-travel hop (London, then Sydney, of a user with a learned London history) every
// `episode-every` seconds; a local webhook receiver is a notification channel created with the product's
// own service. Measured from the moment each event became visible on /events-stream (recorded by the
// simulator, in this process) to:
//   (a) its activity stored: activities.stored_at of the event, every event of the run;
//   (b) its alert stored: alerts.created_at of the hop's alert, from the hop's last (Sydney) event;
//   (c) the webhook received: the receiver's arrival time of that alert's first delivery (by alert id).
// Run twice by default: `fresh` (a new worker, once it has synced the org's history), then `after_kill9`
// (the worker killed with SIGKILL, a new one started at once, and events posted as soon as it is up: it holds
// its presence lock; the seconds that took are reported as workerStartSecondsAfterKill).
// Targets: p95 (a) ≤ 3 s, (b) ≤ 4 s, (c) ≤ 6 s per run; a missed target is reported (`met: false`).
// Exit code 2 when a run's samples are missing (an event not stored, an episode never alerted or never
// delivered within `drain-seconds` after the run's last event), else 0.
import { once } from "node:events";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, loginEvents, postEvents } from "../../lib/testing/sim-org";
import { connectBenchOrg, percentile, startBenchDatabase } from "./bench-setup";
import { startBenchWorker } from "./lib/live-ingestion";
import { startWebhookReceiver } from "./lib/webhook-receiver";
import { LONDON, loginAt, SYDNEY, type TPerson } from "../faults/scenario";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "120" },
    rate: { type: "string", default: "50" },
    "episode-every": { type: "string", default: "10" },
    restart: { type: "string", default: "kill9" },
    "drain-seconds": { type: "string", default: "300" },
    // The worker's WATCHPOST_SYNC_POLL_SECONDS; "default" leaves the worker's own default.
    "poll-seconds": { type: "string", default: "default" },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const EPISODE_EVERY_S = Number(values["episode-every"]);
const DRAIN_MS = Number(values["drain-seconds"]) * 1000;
if (values.restart !== "kill9" && values.restart !== "none") throw new Error("--restart must be kill9 or none");
if (![SECONDS, RATE, EPISODE_EVERY_S, DRAIN_MS].every((v) => Number.isFinite(v) && v > 0)) throw new Error("--seconds, --rate, --episode-every and --drain-seconds must be positive numbers");
const RUNS = values.restart === "kill9" ? (["fresh", "after_kill9"] as const) : (["fresh"] as const);
type TRunName = (typeof RUNS)[number];
const TARGETS = { activityStored: 3, alertStored: 4, webhookReceived: 6 } as const;
const TICK_MS = 100;
const DAY_MS = 86_400_000;
const workerEnv: Record<string, string> = values["poll-seconds"] === "default" ? {} : { WATCHPOST_SYNC_POLL_SECONDS: values["poll-seconds"] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`bench:latency: ${line}\n`);
const round = (value: number) => Number(value.toFixed(2));


/** p50/p95/max in seconds over the samples, and whether the p95 meets the target (never with samples missing). */
const figure = (samplesMs: readonly number[], expected: number, targetP95: number) => {
  const seconds = samplesMs.map((ms) => ms / 1000);
  const p95 = round(percentile(seconds, 95));
  return {
    samples: seconds.length,
    expected,
    p50: round(percentile(seconds, 50)),
    p95,
    max: round(seconds.length ? Math.max(...seconds) : 0),
    targetP95: targetP95,
    met: seconds.length === expected && expected > 0 && p95 <= targetP95,
  };
};

const workerLog = path.join(tmpdir(), "watchpost-bench-latency-worker.log");
rmSync(workerLog, { force: true });
const episodesPerRun = Math.max(1, Math.floor(SECONDS / EPISODE_EVERY_S));
const database = await startBenchDatabase("latency");
// The receiver listens on 127.0.0.1: loopback webhooks need the private-targets opt-in (docs/security.md), in
// this process (the channel is saved here) and in the worker (which inherits this environment).
process.env.WATCHPOST_ALLOW_PRIVATE_TARGETS = "1";
const sim = await startSimulator({ rateLimits: { enabled: false }, recordVisibility: true });
const receiver = await startWebhookReceiver();
const db = new pg.Client({ connectionString: database.ownerUrl });
await db.connect();
let worker: ReturnType<typeof startBenchWorker> | undefined;
process.once("SIGINT", () => {
  worker?.stop();
  process.exit(130);
});
let exitCode = 1;

try {
  const org = await createSimOrg(sim.baseUrl, { users: 50 });
  const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
  // One traveller per planted hop: a hop back within a day would continue the previous hop's alert.
  const travellers: TPerson[] = Array.from({ length: episodesPerRun * RUNS.length }, (_, i) => ({
    accountId: `traveller-${i}-${org.orgId.slice(0, 8)}`,
    name: `Traveller ${i}`,
    email: `traveller${i}@acme.test`,
  }));
  // History: each traveller's London login 8 days ago (past the 7-day learning period), synced by the backfill.
  await postEvents(sim.baseUrl, org.orgId, travellers.map((t) => loginAt(t, Date.now() - 8 * DAY_MS, LONDON)));

  const { createChannel } = await import("../../lib/server/services/notifications/save-channel");
  const { makeUser } = await import("../../lib/testing/factories");
  const { principal } = await makeUser("admin");
  await createChannel({ actor: principal, input: { kind: "webhook", name: "Latency bench receiver", enabled: true, minSeverity: "low", policyKeys: [], url: receiver.url } });
  const connector = await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.orgId, apiKey: org.apiKey }, 1, "Latency bench");
  worker = startBenchWorker(workerEnv, { logFile: workerLog });
  log(`worker ${worker.pid} started (env ${JSON.stringify(workerEnv)}, log ${workerLog}); waiting for the history to be synced and detected`);

  const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
  const readyBy = Date.now() + 180_000;
  const isSynced = async () =>
    (await count("SELECT count(*) AS n FROM activities WHERE connector_id = $1", [connector.id])) >= travellers.length &&
    (await count("SELECT count(*) AS n FROM connectors WHERE id = $1 AND is_caught_up", [connector.id])) === 1;
  while (!(await isSynced())) {
    if (Date.now() > readyBy) throw new Error(`the worker did not sync the org's history within 180 s (worker log: ${workerLog})`);
    await sleep(250);
  }
  // Detection has read the history (a learned London for every traveller) before the first hop.
  const detectionBacklog = () =>
    count(
      `SELECT count(*) AS n FROM activities WHERE connector_id = $1 AND seq > COALESCE(
         (SELECT last_seq FROM activity_consumer_cursors WHERE consumer = 'detection' AND connector_id = $1), 0)`,
      [connector.id],
    ).catch(() => 0);
  while ((await detectionBacklog()) > 0) {
    if (Date.now() > readyBy) throw new Error(`detection did not process the org's history within 180 s (worker log: ${workerLog})`);
    await sleep(250);
  }

  const run = async (name: TRunName, travellersOfRun: readonly TPerson[]) => {
    const eventIds: string[] = [];
    const hops: { traveller: TPerson; lastEventId: string }[] = [];
    const started = Date.now();
    let posted = 0;
    for (let tick = 1; tick <= (SECONDS * 1000) / TICK_MS; tick++) {
      const background = Math.floor((RATE * tick * TICK_MS) / 1000) - posted;
      const events: { id: string }[] = loginEvents(members, background, Date.now() - 200);
      posted += background;
      // Hops at 5 s, 15 s, 25 s…: London 10 minutes ago, then Sydney now (≈ 100,000 km/h).
      const traveller = travellersOfRun[hops.length];
      if (traveller && Date.now() - started >= (EPISODE_EVERY_S / 2 + hops.length * EPISODE_EVERY_S) * 1000) {
        const hop = [loginAt(traveller, Date.now() - 10 * 60_000, LONDON), loginAt(traveller, Date.now() - 100, SYDNEY)];
        events.push(...hop);
        hops.push({ traveller, lastEventId: hop[1]!.id });
      }
      if (events.length) await postEvents(sim.baseUrl, org.orgId, events);
      eventIds.push(...events.map((e) => e.id));
      await sleep(Math.max(0, started + tick * TICK_MS - Date.now()));
    }
    const postedAt = Date.now();
    log(`${name}: ${eventIds.length} events and ${hops.length} hops posted in ${((postedAt - started) / 1000).toFixed(1)} s; waiting for activities, alerts and webhooks`);

    const readActivities = async () =>
      (
        await db.query<{ event_id: string; at: number }>(
          "SELECT event_id, (extract(epoch FROM stored_at) * 1000)::float8 AS at FROM activities WHERE connector_id = $1 AND event_id = ANY($2::text[])",
          [connector.id, eventIds],
        )
      ).rows;
    const readAlerts = async () =>
      (
        await db.query<{ id: string; user_account_id: string; at: number }>(
          `SELECT id, user_account_id, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM alerts
           WHERE connector_id = $1 AND policy_key = 'impossible_travel' AND user_account_id = ANY($2::text[]) ORDER BY created_at`,
          [connector.id, hops.map((h) => h.traveller.accountId)],
        )
      ).rows;
    const isComplete = async () => {
      const stored = await count("SELECT count(*) AS n FROM activities WHERE connector_id = $1 AND event_id = ANY($2::text[])", [connector.id, eventIds]);
      if (stored < eventIds.length) return false;
      const alerts = await readAlerts();
      return new Set(alerts.map((a) => a.user_account_id)).size === hops.length && alerts.every((a) => receiver.receivedAt(a.id) !== undefined);
    };
    let complete = await isComplete();
    while (!complete && Date.now() - postedAt < DRAIN_MS) {
      await sleep(500);
      complete = await isComplete();
    }

    const visible = (eventId: string) => sim.visibleAt(org.orgId, eventId);
    const activityMs = (await readActivities()).flatMap((r) => {
      const at = visible(r.event_id);
      return at === undefined ? [] : [r.at - at];
    });
    const alerts = await readAlerts();
    const alertMs: number[] = [];
    const webhookMs: number[] = [];
    const missing: string[] = [];
    for (const hop of hops) {
      const visibleAt = visible(hop.lastEventId);
      const alert = alerts.find((a) => a.user_account_id === hop.traveller.accountId);
      if (visibleAt === undefined) {
        missing.push(`the simulator recorded no visibility for ${hop.traveller.accountId}'s hop`);
        continue;
      }
      if (!alert) {
        missing.push(`no alert for ${hop.traveller.accountId}'s hop`);
        continue;
      }
      alertMs.push(alert.at - visibleAt);
      const receivedAt = receiver.receivedAt(alert.id);
      if (receivedAt === undefined) missing.push(`no webhook for alert ${alert.id} (${hop.traveller.accountId})`);
      else webhookMs.push(receivedAt - visibleAt);
    }
    if (activityMs.length < eventIds.length) missing.unshift(`${eventIds.length - activityMs.length} of ${eventIds.length} events not stored`);
    const result = {
      eventsPosted: eventIds.length,
      hopsPlanted: hops.length,
      activityStored: figure(activityMs, eventIds.length, TARGETS.activityStored),
      alertStored: figure(alertMs, hops.length, TARGETS.alertStored),
      webhookReceived: figure(webhookMs, hops.length, TARGETS.webhookReceived),
      alertsPerHopAboveOne: alerts.length - new Set(alerts.map((a) => a.user_account_id)).size,
      complete: complete && missing.length === 0,
      secondsFromLastEventToComplete: complete ? round((Date.now() - postedAt) / 1000) : null,
      missing: missing.slice(0, 10),
    };
    log(`${name}: ${JSON.stringify({ a: result.activityStored, b: result.alertStored, c: result.webhookReceived, complete: result.complete })}`);
    return result;
  };

  const runs: Partial<Record<TRunName, Awaited<ReturnType<typeof run>>>> = {};
  let restartSeconds: number | null = null;
  for (const [index, name] of RUNS.entries()) {
    if (name === "after_kill9" && worker) {
      const exited = once(worker.child, "exit");
      worker.stop();
      await exited;
      const startedAt = Date.now();
      worker = startBenchWorker(workerEnv, { logFile: workerLog });
      // The run starts as soon as the new worker is up (holds its presence lock: its loops are running), so the
      // figures measure what a restart costs afterwards, not the process's own start-up, reported apart.
      const { LIVE_KEYS_SQL } = await import("../../lib/server/repositories/worker-presence-repository");
      while ((await db.query(LIVE_KEYS_SQL)).rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      restartSeconds = round((Date.now() - startedAt) / 1000);
      log(`worker killed with SIGKILL; worker ${worker.pid} started at once and up after ${restartSeconds} s; events start now`);
    }
    runs[name] = await run(name, travellers.slice(index * episodesPerRun, (index + 1) * episodesPerRun));
  }

  // Every alert of the bench's connector, by policy: a hop also raises an infrequent-country alert (Australia).
  const alertsByPolicy = Object.fromEntries(
    (await db.query<{ policy_key: string; n: string }>("SELECT policy_key, count(*) AS n FROM alerts WHERE connector_id = $1 GROUP BY 1 ORDER BY 1", [connector.id])).rows.map((r) => [r.policy_key, Number(r.n)]),
  );
  const results = Object.values(runs);
  const complete = results.every((r) => r.complete);
  const meetsTargets = results.every((r) => r.activityStored.met && r.alertStored.met && r.webhookReceived.met);
  console.log(
    JSON.stringify(
      {
        benchmark: "latency",
        eventsPerSecond: RATE,
        seconds: SECONDS,
        episode: `impossible travel (London → Sydney), every ${EPISODE_EVERY_S} s`,
        workerStartSecondsAfterKill: restartSeconds,
        restart: values.restart,
        workerEnv,
        measuredFrom: "the event's append to the simulator org (visible to any /events-stream poll from then on)",
        measuredTo: {
          activityStored: "activities.stored_at of each event",
          alertStored: "alerts.created_at of the hop's alert, from its last (Sydney) event",
          webhookReceived: "arrival of the alert's first webhook at the local receiver, from the hop's last event",
        },
        targets: { activityStoredP95Seconds: TARGETS.activityStored, alertStoredP95Seconds: TARGETS.alertStored, webhookReceivedP95Seconds: TARGETS.webhookReceived },
        runs,
        alertsByPolicy,
        webhooksReceived: receiver.counts(),
        complete,
        meetsTargets,
        workerLog,
      },
      null,
      2,
    ),
  );
  exitCode = complete ? 0 : 2;
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  exitCode = 1;
} finally {
  worker?.stop();
  await db.end().catch(() => undefined);
  await receiver.close();
  await sim.close();
  await (await import("../../lib/server/db")).disconnectDb().catch(() => undefined);
  await database.stop().catch(() => undefined);
}
process.exit(exitCode);
