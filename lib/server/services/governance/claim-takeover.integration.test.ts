import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { resetDatabase } from "../../../testing/reset-database";
import { claimSyncLease } from "../../repositories/connector-repository";
import { claimDueGovernanceActions } from "../../repositories/governance-repository";
import { openWorkerPresence, releaseClaimsOfGoneWorkers } from "../../repositories/worker-presence-repository";
import { connectOrg, silentLogger, sql } from "./governance.fixture";
import { requestGovernanceAction } from "./request-governance-action";
import { runGovernPass } from "./run-govern-loop";

let sim: TRunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(resetDatabase);

const LEASE_SECONDS = 300;

describe("claims of a worker that is gone are taken over at once", () => {
  it("frees a dead worker's claimed action (its presence lock is gone) and never a living worker's", async () => {
    const { analyst, connector, member } = await connectOrg(sim);
    const queued = await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Takeover" } });
    const first = await openWorkerPresence(silentLogger);
    const second = await openWorkerPresence(silentLogger);
    try {
      expect(first.key).not.toBe(second.key);
      const claimed = await claimDueGovernanceActions(10, LEASE_SECONDS, first.key);
      expect(claimed.map((a) => a.id)).toEqual([queued.id]);
      // Leased for 5 minutes: nobody else can claim it while its worker lives.
      expect(await releaseClaimsOfGoneWorkers("governance_actions", second.key)).toBe(0);
      expect(await claimDueGovernanceActions(10, LEASE_SECONDS, second.key)).toEqual([]);

      // The first worker dies: its presence connection ends, as with kill -9.
      await first.close();
      expect(await releaseClaimsOfGoneWorkers("governance_actions", second.key)).toBe(1);
      const [row] = await sql<{ claimed_by: number | null; due: boolean }>("SELECT claimed_by, next_attempt_at <= now() AS due FROM governance_actions WHERE id = $1", [queued.id]);
      expect(row).toEqual({ claimed_by: null, due: true });

      // The survivor's next pass runs it: one claim more, succeeded, claim cleared.
      const totals = await runGovernPass({ perMinute: 100_000, logger: silentLogger, claimant: second.key });
      expect(totals.succeeded).toBe(1);
      const [done] = await sql<{ status: string; attempts: number; claimed_by: number | null }>("SELECT status, attempts, claimed_by FROM governance_actions WHERE id = $1", [queued.id]);
      expect(done).toEqual({ status: "succeeded", attempts: 2, claimed_by: null });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("frees a dead worker's sync lease at once, long before the lease runs out", async () => {
    const { connector } = await connectOrg(sim);
    const first = await openWorkerPresence(silentLogger);
    const second = await openWorkerPresence(silentLogger);
    try {
      expect(await claimSyncLease(connector.id, "worker-a", 60_000, first.key)).toBe(true);
      expect(await claimSyncLease(connector.id, "worker-b", 60_000, second.key)).toBe(false);
      await first.close();
      expect(await claimSyncLease(connector.id, "worker-b", 60_000, second.key)).toBe(true);
      // Now held by a living worker: nobody else gets it.
      expect(await claimSyncLease(connector.id, "script", 60_000)).toBe(false);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("does not free the caller's own claims while its presence reconnects", async () => {
    const { analyst, connector, member } = await connectOrg(sim);
    await requestGovernanceAction({ actor: analyst, input: { action: "suspend_user", accountId: member.accountId, connectorId: connector.id, reason: "Own claim" } });
    const presence = await openWorkerPresence(silentLogger);
    const key = presence.key;
    await claimDueGovernanceActions(10, LEASE_SECONDS, key);
    await presence.close();
    // Lock gone (e.g. a database restart dropped the connection), but this is the caller's own claim.
    expect(await releaseClaimsOfGoneWorkers("governance_actions", key)).toBe(0);
  });

  it("takes its key back after the presence connection is cut (database restart)", async () => {
    const presence = await openWorkerPresence(silentLogger);
    try {
      const key = presence.key;
      await sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'watchpost-worker-presence'");
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const [held] = await sql<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::bigint::oid AND granted", [key]);
        if (presence.isHeld() && Number(held?.n) === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(presence.isHeld()).toBe(true);
      expect(presence.key).toBe(key);
    } finally {
      await presence.close();
    }
  });
});
