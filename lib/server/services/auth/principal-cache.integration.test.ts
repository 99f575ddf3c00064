import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EVERY_USER, publishPrincipalChange } from "../../repositories/principal-change-repository";
import type { Principal } from "../principal";
import { cachedPrincipal, listenForOtherProcesses, stopListeningForOtherProcesses } from "./principal-cache";

// Another web process's change reaches this one through PostgreSQL (NOTIFY on a pooled connection, LISTEN on the
// listener's own): the cached principal is dropped in milliseconds, well before the 2 s TTL would drop it.
const TTL_MS = 2_000;

const principalOf = (userId: string): Principal => ({ userId, email: `${userId}@example.test`, name: userId, role: "viewer", via: "token", tokenId: "t", ip: null, mustChangePassword: false });

/** A cache key whose loads are counted. */
const counted = (userId: string) => {
  let loads = 0;
  const key = `token:${userId}-${Math.random()}`;
  return {
    get: () => cachedPrincipal(key, null, async () => ((loads += 1), principalOf(userId))),
    loads: () => loads,
  };
};

const waitUntil = async (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> => {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};

/** Reloads within `withinMs` of another process's change (polling the cache as requests would). */
const reloadsAfter = async (entry: ReturnType<typeof counted>, change: () => Promise<void>, withinMs: number) => {
  await entry.get();
  const before = entry.loads();
  await change();
  return waitUntil(async () => (await entry.get(), entry.loads() > before), withinMs, "the cached principal to be reloaded");
};

let listener: ReturnType<typeof listenForOtherProcesses>;
beforeAll(async () => {
  listener = listenForOtherProcesses();
  await waitUntil(() => listener.isListening(), 10_000, "the listener");
});
afterAll(() => stopListeningForOtherProcesses());

describe("principal cache across processes", () => {
  it("drops one user's cached principal on another process's change, and only that user's", async () => {
    const alice = counted("alice");
    const bob = counted("bob");
    await bob.get();
    const ms = await reloadsAfter(alice, () => publishPrincipalChange("alice"), TTL_MS / 2);
    expect(ms).toBeLessThan(TTL_MS / 2);
    await bob.get();
    expect(bob.loads()).toBe(1);
  });

  it("drops every cached principal on a change to all (a role change, a token revoked)", async () => {
    const carol = counted("carol");
    const dave = counted("dave");
    await dave.get();
    await reloadsAfter(carol, () => publishPrincipalChange(EVERY_USER), TTL_MS / 2);
    await dave.get();
    expect(dave.loads()).toBe(2);
  });

  it("reconnects after its connection is cut, drops what it cached meanwhile, and hears changes again", { timeout: 30_000 }, async () => {
    const erin = counted("erin");
    await erin.get();
    const admin = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`watchpost-principal-listener-${process.pid}`]);
    } finally {
      await admin.end();
    }
    await waitUntil(() => !listener.isListening(), 5_000, "the listener to notice the cut");
    await waitUntil(() => listener.isListening(), 15_000, "the listener to reconnect");
    await erin.get();
    expect(erin.loads()).toBe(2);
    await reloadsAfter(erin, () => publishPrincipalChange("erin"), TTL_MS / 2);
  });
});
