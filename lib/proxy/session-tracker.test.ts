import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { UNMANAGED } from "./device";
import { createSessionTracker, MAX_UNCONFIRMED } from "./session-tracker";

const inserted: string[][] = [];
vi.mock("../server/repositories/proxy-session-repository", () => ({
  insertProxySessions: async (rows: { id: string }[]) => void inserted.push(rows.map((r) => r.id)),
  applyProxySessionDeltas: async () => undefined,
  listEndedProxySessionIds: async () => [],
  findStoredProxySession: async () => null,
}));

const START = { connectorId: "c1", siteHost: "acme.atlassian.net", ip: "203.0.113.9", countryCode: null, userAgent: "curl", device: UNMANAGED } as const;
const locate = async <T>(rows: T[]) => rows;

describe("session tracker: sessions are stored once confirmed", () => {
  it("stores a session when its cookie comes back or its user is known, never for a cookieless client", async () => {
    inserted.length = 0;
    const tracker = createSessionTracker(pino({ level: "silent" }));
    const returning = (await tracker.resolve(undefined, START)).session;
    const signedIn = (await tracker.resolve(undefined, START)).session;
    for (let i = 0; i < 50; i++) await tracker.resolve(undefined, START);
    expect((await tracker.resolve(returning.id, START)).isNew).toBe(false);
    signedIn.account = { id: "acc-1", email: "a@acme.test", name: "A" };
    tracker.touch(signedIn);
    await tracker.flush(locate);
    expect(inserted.flat().sort()).toEqual([returning.id, signedIn.id].sort());
    expect(tracker.unconfirmedCount()).toBe(50);
  });

  it("keeps at most MAX_UNCONFIRMED cookieless sessions in memory, oldest out first", async () => {
    const tracker = createSessionTracker(pino({ level: "silent" }));
    const first = (await tracker.resolve(undefined, START)).session;
    for (let i = 0; i < MAX_UNCONFIRMED + 10; i++) await tracker.resolve(undefined, START);
    expect(tracker.size()).toBe(MAX_UNCONFIRMED);
    // The oldest is gone: its cookie coming back now starts a new session.
    expect((await tracker.resolve(first.id, START)).isNew).toBe(true);
  });
});
