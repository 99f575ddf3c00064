import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../../testing/reset-database";
import { getHealth, WORKER_STALE_AFTER_SECONDS } from "./get-health";
import { recordWorkerHeartbeat } from "./record-worker-heartbeat";

beforeEach(resetDatabase);

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
