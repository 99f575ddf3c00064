import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../testing/test-database";
import { runDetectionPass } from "../detection/run-detection-pass";
import { getHealth, WORKER_STALE_AFTER_SECONDS } from "./get-health";
import { getProcessingLag } from "./get-processing-lag";
import { recordWorkerHeartbeat } from "./record-worker-heartbeat";

const db = openTestDatabase();

const NOW = new Date("2026-11-23T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

const insertConnector = async (name: string) => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES ($1, $2, 'org-' || $2, 'http://127.0.0.1:1', 'x', 'none', 'b', now() + interval '1 year', now(), 'connected', now())`,
    [id, name],
  );
  return id;
};

const insertActivity = async (connectorId: string, storedAt: Date) => {
  const { rows } = await db.query<{ seq: string }>(
    `INSERT INTO activities (connector_id, event_id, event_time, stored_at, action, product, actor_id, raw)
     VALUES ($1, $2, $3, $3, 'user_login', 'admin', 'acc-1', '{}') RETURNING seq::text AS seq`,
    [connectorId, randomUUID(), storedAt],
  );
  return rows[0]!.seq;
};

const setDetectionCursor = (connectorId: string, lastSeq: string) =>
  db.query(
    `INSERT INTO activity_consumer_cursors (consumer, connector_id, last_seq, updated_at) VALUES ('detection', $1, $2, now())
     ON CONFLICT (consumer, connector_id) DO UPDATE SET last_seq = EXCLUDED.last_seq`,
    [connectorId, lastSeq],
  );

const insertGovernanceAction = async (connectorId: string, nextAttemptAt: Date, status = "pending") => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO governance_actions (id, action, connector_id, account_id, reason, status, next_attempt_at, triggered_by_kind, created_at, updated_at)
     VALUES ($1, 'suspend_user', $2, 'acc-1', 'test', $3::"WorkStatus", $4, 'person', $5, now())`,
    [id, connectorId, status, nextAttemptAt, ago(3600)],
  );
  return id;
};

const insertDelivery = async (nextAttemptAt: Date) => {
  const channelId = randomUUID();
  await db.query(`INSERT INTO notification_channels (id, name, kind, updated_at) VALUES ($1, $2, 'webhook', now())`, [channelId, `channel-${channelId}`]);
  const id = randomUUID();
  await db.query(
    `INSERT INTO notification_deliveries (id, channel_id, kind, message, next_attempt_at, created_at) VALUES ($1, $2, 'test', '{}', $3, $4)`,
    [id, channelId, nextAttemptAt, ago(3600)],
  );
  return id;
};

const beatNow = () => recordWorkerHeartbeat({ workerId: "w1", hostname: "h", startedAt: ago(600), now: ago(1) });

describe("getHealth", () => {
  it("reports a reachable, migrated database and no worker yet", async () => {
    const health = await getHealth();
    expect(health).toMatchObject({ status: "degraded", database: { reachable: true }, migrations: { applied: true, pending: [] } });
    expect(health.worker).toEqual({ heartbeatAgeSeconds: null, healthy: false });
  });

  it("reports the age of the freshest heartbeat", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    await recordWorkerHeartbeat({ workerId: "w1", hostname: "h", startedAt: now, now: new Date(now.getTime() - 20_000) });
    await recordWorkerHeartbeat({ workerId: "w2", hostname: "h", startedAt: now, now: new Date(now.getTime() - 5_000) });
    expect(await getHealth(now)).toMatchObject({ status: "ok", worker: { heartbeatAgeSeconds: 5, healthy: true } });
    const later = new Date(now.getTime() + WORKER_STALE_AFTER_SECONDS * 1000 + 10_000);
    expect((await getHealth(later)).worker.healthy).toBe(false);
  });
});

describe("processing lag", () => {
  it("is zero, and health ok, when nothing waits", async () => {
    await beatNow();
    const connectorId = await insertConnector("Acme");
    const seq = await insertActivity(connectorId, ago(600));
    await setDetectionCursor(connectorId, seq);
    await insertGovernanceAction(connectorId, ago(600), "succeeded");
    await insertGovernanceAction(connectorId, new Date(NOW.getTime() + 120_000)); // a retry in backoff: not due yet
    await insertDelivery(new Date(NOW.getTime() + 30_000));
    expect(await getHealth(NOW)).toMatchObject({
      status: "ok",
      lag: { detectionSeconds: 0, governanceSeconds: 0, notificationSeconds: 0, limitSeconds: 60, healthy: true },
    });
  });

  it("reports the oldest activity after the detection cursor, per connector, from when it was stored", async () => {
    const acme = await insertConnector("Acme");
    const globex = await insertConnector("Globex");
    const processed = await insertActivity(acme, ago(300));
    await setDetectionCursor(acme, processed);
    await insertActivity(acme, ago(12));
    await insertActivity(acme, ago(2));
    expect(await getProcessingLag({ now: NOW })).toEqual({ detectionSeconds: 12, governanceSeconds: 0, notificationSeconds: 0 });
    // A connector detection never ran for (no cursor row yet) counts from its first activity.
    await insertActivity(globex, ago(40));
    expect((await getProcessingLag({ now: NOW })).detectionSeconds).toBe(40);
    // Rounded up: a waiting activity is never reported as 0 ("none pending").
    expect((await getProcessingLag({ now: new Date(ago(40).getTime() + 200) })).detectionSeconds).toBe(1);
  });

  it("reports the oldest due governance action and delivery from when they became due", async () => {
    const connectorId = await insertConnector("Acme");
    await insertGovernanceAction(connectorId, ago(25));
    await insertGovernanceAction(connectorId, ago(5));
    await insertDelivery(ago(7));
    expect(await getProcessingLag({ now: NOW })).toEqual({ detectionSeconds: 0, governanceSeconds: 25, notificationSeconds: 7 });
  });

  it("turns health degraded past 60 s and ok again once processed", async () => {
    await beatNow();
    const connectorId = await insertConnector("Acme");
    await insertActivity(connectorId, ago(90));
    const actionId = await insertGovernanceAction(connectorId, ago(61));
    const deliveryId = await insertDelivery(ago(60));

    const late = await getHealth(NOW);
    expect(late).toMatchObject({ status: "degraded", worker: { healthy: true }, lag: { detectionSeconds: 90, governanceSeconds: 61, notificationSeconds: 60, healthy: false } });

    await runDetectionPass({ connectorId, policies: [] });
    await db.query(`UPDATE governance_actions SET status = 'succeeded', completed_at = now() WHERE id = $1`, [actionId]);
    expect(await getHealth(NOW)).toMatchObject({ status: "ok", lag: { detectionSeconds: 0, governanceSeconds: 0, notificationSeconds: 60, healthy: true } });

    // Exactly 60 s is within the limit; one more second is not.
    expect((await getHealth(new Date(NOW.getTime() + 1000))).status).toBe("degraded");
    await db.query(`UPDATE notification_deliveries SET status = 'succeeded', delivered_at = now() WHERE id = $1`, [deliveryId]);
    expect((await getHealth(new Date(NOW.getTime() + 1000))).lag).toMatchObject({ notificationSeconds: 0, healthy: true });
  });
});
