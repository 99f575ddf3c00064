// npx tsx scripts/bench/notify.ts [--alerts 500 --channels 4 --latency-ms 50]
// Notification throughput: N alerts routed to C webhook channels (a local receiver answering after
// `latency-ms`, like a real Slack/Teams endpoint) are fanned out and sent by the notify loop as the
// worker runs it (16 in flight, 4 per channel, 10 s timeout). Then the same again with one extra channel
// whose receiver never answers, to show a hanging receiver costs its own 4 slots, not the loop. Prints JSON.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchDatabase } from "./bench-setup";

const { values } = parseArgs({
  options: { alerts: { type: "string", default: "500" }, channels: { type: "string", default: "4" }, "latency-ms": { type: "string", default: "50" } },
});
const ALERTS = Number(values.alerts);
const CHANNELS = Number(values.channels);
const LATENCY_MS = Number(values["latency-ms"]);
const log = (line: string) => process.stderr.write(`bench:notify: ${line}\n`);

const startReceiver = async () => {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url?.startsWith("/hang")) return; // never answers
      setTimeout(() => {
        received += 1;
        res.writeHead(200).end("ok");
      }, LATENCY_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, received: () => received, close: () => (server.closeAllConnections(), new Promise<void>((r) => server.close(() => r()))) };
};

const main = async () => {
  const database = await startBenchDatabase("notify");
  // The receiver listens on 127.0.0.1: loopback webhooks need the private-targets opt-in (docs/security.md).
  process.env.WATCHPOST_ALLOW_PRIVATE_TARGETS = "1";
  const receiver = await startReceiver();
  const db = new pg.Client({ connectionString: database.ownerUrl });
  await db.connect();
  try {
    const { createChannel } = await import("../../lib/server/services/notifications/save-channel");
    const { runNotifyLoop } = await import("../../lib/server/services/notifications/run-notify-loop");
    const { fanOutPendingAlerts } = await import("../../lib/server/repositories/alert-fan-out-repository");
    const { makeUser } = await import("../../lib/testing/factories");
    const { logger } = await import("../../lib/server/logger");
    const { disconnectDb } = await import("../../lib/server/db");
    const { principal } = await makeUser("admin");
    const connectorId = (
      await db.query<{ id: string }>(
        `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
         VALUES (gen_random_uuid(), 'Bench', 'org-bench', 'http://127.0.0.1:1', 'x', 'none', 'bench', now() + interval '1 year', now(), 'connected', now()) RETURNING id`,
      )
    ).rows[0]!.id;

    const run = async (label: string, withHanging: boolean) => {
      await db.query("UPDATE notification_channels SET enabled = false");
      for (let c = 0; c < CHANNELS; c++) {
        await createChannel({ actor: principal, input: { kind: "webhook", name: `${label}-${c}`, enabled: true, minSeverity: "low", policyKeys: [], url: `http://127.0.0.1:${receiver.port}/c${c}` } });
      }
      if (withHanging) await createChannel({ actor: principal, input: { kind: "webhook", name: `${label}-hang`, enabled: true, minSeverity: "low", policyKeys: [], url: `http://127.0.0.1:${receiver.port}/hang` } });
      await db.query(
        `INSERT INTO alerts (id, policy_key, policy_name, severity, connector_id, user_account_id, title, explanation, episode_key, activity_count, first_activity_at, last_activity_at, updated_at)
         SELECT gen_random_uuid(), 'impossible_travel', 'Impossible travel', 'high', $1, 'acc-' || n, 'Bench alert ' || n, 'x', $2 || n, 1, now(), now(), now()
         FROM generate_series(1, $3) n`,
        [connectorId, `${label}:`, ALERTS],
      );
      const started = performance.now();
      let fanned = 0;
      for (;;) {
        const result = await fanOutPendingAlerts();
        fanned += result.deliveries;
        if (result.alerts < 200) break;
      }
      const expected = ALERTS * CHANNELS;
      // As the job runs it (30 s runs polling every 500 ms), stopped once every healthy delivery is out.
      const isDone = async () => !(await db.query("SELECT 1 FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE d.status = 'pending' AND c.name NOT LIKE '%-hang' LIMIT 1")).rowCount;
      let done = false;
      const watcher = setInterval(() => void isDone().then((d) => (done = d)), 100);
      while (!(await isDone())) await runNotifyLoop({ durationMs: 30_000, intervalMs: 500, logger, isStopping: () => done });
      clearInterval(watcher);
      const seconds = (performance.now() - started) / 1000;
      const { rows } = await db.query<{ ms: number; span_ms: number }>(
        `SELECT extract(epoch FROM d.delivered_at - d.created_at) * 1000 AS ms,
           extract(epoch FROM max(d.delivered_at) OVER () - min(d.created_at) OVER ()) * 1000 AS span_ms
         FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id
         WHERE c.name LIKE $1 || '-%' AND c.name NOT LIKE '%-hang' AND d.status = 'succeeded'`,
        [label],
      );
      const latencies = rows.map((r) => Number(r.ms));
      const spanSeconds = Number(rows[0]?.span_ms ?? 0) / 1000;
      return {
        deliveries: latencies.length,
        expected,
        queued: fanned,
        firstQueuedToLastDeliveredSeconds: Math.round(spanSeconds * 10) / 10,
        perSecond: Math.round(latencies.length / spanSeconds),
        wallSecondsWithDrain: Math.round(seconds * 10) / 10,
        queuedToDeliveredP50Ms: Math.round(percentile(latencies, 50)),
        queuedToDeliveredP95Ms: Math.round(percentile(latencies, 95)),
      };
    };

    log(`${ALERTS} alerts × ${CHANNELS} webhook channels, receiver latency ${LATENCY_MS} ms`);
    const healthy = await run("healthy", false);
    log(`healthy: ${JSON.stringify(healthy)}`);
    const hanging = await run("hanging", true);
    log(`with a hanging channel: ${JSON.stringify(hanging)}`);
    // Single messages at random moments while the loop idles: the "Send test" experience.
    const { sendTestNotification } = await import("../../lib/server/services/notifications/send-test-notification");
    await db.query("UPDATE notification_channels SET enabled = false");
    const single = await createChannel({ actor: principal, input: { kind: "webhook", name: "single", enabled: true, minSeverity: "low", policyKeys: [], url: `http://127.0.0.1:${receiver.port}/single` } });
    const loop = runNotifyLoop({ durationMs: 15_000, intervalMs: 500, logger });
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
      await sendTestNotification({ actor: principal, channelId: single.id });
    }
    await loop;
    const singles = (
      await db.query<{ ms: number }>("SELECT extract(epoch FROM delivered_at - created_at) * 1000 AS ms FROM notification_deliveries WHERE channel_id = $1 AND status = 'succeeded'", [single.id])
    ).rows.map((r) => Number(r.ms));
    const idle = { deliveries: singles.length, queuedToDeliveredP50Ms: Math.round(percentile(singles, 50)), queuedToDeliveredP95Ms: Math.round(percentile(singles, 95)) };
    log(`single messages: ${JSON.stringify(idle)}`);
    await disconnectDb();
    process.stdout.write(`${JSON.stringify({ alerts: ALERTS, channels: CHANNELS, receiverLatencyMs: LATENCY_MS, concurrency: 16, perChannel: 4, singleMessage: idle, healthy, withHangingChannel: hanging }, null, 2)}\n`);
  } finally {
    await db.end();
    await receiver.close();
    await database.stop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:notify failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
