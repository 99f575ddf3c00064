// Proxy sessions in memory, flushed to proxy_sessions in batches; ended sessions learnt from the same loop.
import { randomUUID } from "node:crypto";
import type { Logger } from "../server/logger";
import {
  applyProxySessionDeltas,
  findStoredProxySession,
  insertProxySessions,
  listEndedProxySessionIds,
  type TNewProxySession,
} from "../server/repositories/proxy-session-repository";
import { UNMANAGED, type TDevice } from "./device";

export type TAccount = Readonly<{ id: string; email: string | null; name: string | null }>;

export type TProxySession = {
  readonly id: string;
  readonly connectorId: string;
  readonly siteHost: string;
  account: TAccount | null;
  device: TDevice;
  isEnded: boolean;
  /** Epoch ms of the last /gateway/api/me attempt; 0 asks for one at the next request (after a sign-in). */
  identityCheckedAt: number;
  lastSeenAt: number;
};

type TEntry = {
  session: TProxySession;
  /** The row to insert; held back until the session is confirmed (see `confirm`). */
  insert: TNewProxySession | null;
  /** The browser sent the session's cookie back, or someone signed in: worth a row in proxy_sessions. */
  isConfirmed: boolean;
  delta: { requests: number; downloads: number; bytesSent: number; lastActivityAt: Date | null; isDirty: boolean };
};

/** Sessions not seen for this long leave memory (their row stays; a returning cookie reloads it). */
const EVICT_AFTER_MS = 60 * 60_000;
/** Only sessions seen this recently are checked for End session (the next request of an idle one reloads it). */
const ENDED_CHECK_WINDOW_MS = 15 * 60_000;

const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * A session gets its row once it is confirmed: its cookie came back, or its user is known. A client that keeps no
 * cookies (a script, a scanner, a flood) would otherwise add a row with every request; its requests are still logged
 * as activities. Unconfirmed sessions leave memory after UNCONFIRMED_TTL_MS, and at most MAX_UNCONFIRMED are kept.
 */
const UNCONFIRMED_TTL_MS = 5 * 60_000;
export const MAX_UNCONFIRMED = 20_000;
/** Cookie values looked up and not found are not looked up again for this long (a flood of made-up cookies). */
const UNKNOWN_COOKIE_MS = 60_000;
const MAX_UNKNOWN_COOKIES = 10_000;

export type TSessionStart = Readonly<{ connectorId: string; siteHost: string; ip: string | null; countryCode: string | null; userAgent: string | null; device: TDevice }>;

export const createSessionTracker = (logger: Logger) => {
  const entries = new Map<string, TEntry>();
  const loading = new Map<string, Promise<TEntry | null>>();
  /** Ids of unconfirmed sessions, oldest first (a Map keeps insertion order). */
  const unconfirmed = new Map<string, number>();
  const unknownCookies = new Map<string, number>();

  const confirm = (entry: TEntry) => {
    if (entry.isConfirmed) return;
    entry.isConfirmed = true;
    unconfirmed.delete(entry.session.id);
  };

  const start = (input: TSessionStart): TProxySession => {
    const id = randomUUID();
    const now = Date.now();
    const session: TProxySession = { id, connectorId: input.connectorId, siteHost: input.siteHost, account: null, device: input.device, isEnded: false, identityCheckedAt: -Infinity, lastSeenAt: now };
    const { device: _device, ...row } = input;
    entries.set(id, { session, insert: { id, ...row, startedAt: new Date(now) }, isConfirmed: false, delta: { requests: 0, downloads: 0, bytesSent: 0, lastActivityAt: null, isDirty: true } });
    unconfirmed.set(id, now);
    // A flood of cookieless requests: the oldest unconfirmed sessions go first.
    for (const [oldest] of unconfirmed) {
      if (unconfirmed.size <= MAX_UNCONFIRMED) break;
      unconfirmed.delete(oldest);
      entries.delete(oldest);
    }
    return session;
  };

  const load = async (id: string): Promise<TEntry | null> => {
    try {
      // A database that hangs must not hold the request: after a moment the browser just gets a new session.
      const row = await Promise.race([
        findStoredProxySession(id),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("session lookup timed out")), LOOKUP_TIMEOUT_MS).unref()),
      ]);
      if (!row) {
        // Only a lookup that answered "no such session" (not one that failed) is remembered.
        if (unknownCookies.size >= MAX_UNKNOWN_COOKIES) unknownCookies.clear();
        unknownCookies.set(id, Date.now() + UNKNOWN_COOKIE_MS);
        return null;
      }
      const session: TProxySession = {
        id: row.id,
        connectorId: row.connectorId,
        siteHost: row.siteHost,
        account: row.accountId ? { id: row.accountId, email: row.userEmail, name: row.userName } : null,
        device: UNMANAGED,
        isEnded: row.isEnded,
        identityCheckedAt: -Infinity,
        lastSeenAt: Date.now(),
      };
      const entry: TEntry = { session, insert: null, isConfirmed: true, delta: { requests: 0, downloads: 0, bytesSent: 0, lastActivityAt: null, isDirty: false } };
      entries.set(id, entry);
      return entry;
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, "cannot look up a proxy session; starting a new one");
      return null;
    }
  };

  /** The session a cookie names, when it belongs to this site and connector; otherwise a new one. */
  const resolve = async (cookieValue: string | undefined, input: TSessionStart): Promise<{ session: TProxySession; isNew: boolean }> => {
    if (cookieValue && (unknownCookies.get(cookieValue) ?? 0) <= Date.now()) {
      let entry = entries.get(cookieValue) ?? null;
      if (!entry) {
        let pending = loading.get(cookieValue);
        if (!pending) {
          pending = load(cookieValue).finally(() => loading.delete(cookieValue));
          loading.set(cookieValue, pending);
        }
        entry = await pending;
      }
      if (entry && entry.session.siteHost === input.siteHost && entry.session.connectorId === input.connectorId) {
        entry.session.lastSeenAt = Date.now();
        confirm(entry);
        return { session: entry.session, isNew: false };
      }
    }
    return { session: start(input), isNew: true };
  };

  /** Counts one finished request of a session (flushed with the next batch). */
  const record = (session: TProxySession, input: Readonly<{ bytesSent: number; isDownload: boolean }>) => {
    const entry = entries.get(session.id);
    if (!entry) return;
    entry.delta.requests += 1;
    entry.delta.downloads += input.isDownload ? 1 : 0;
    entry.delta.bytesSent += input.bytesSent;
    entry.delta.lastActivityAt = new Date();
    entry.delta.isDirty = true;
  };

  /** Marks a session changed (device or account) so the next flush writes it. */
  const touch = (session: TProxySession) => {
    const entry = entries.get(session.id);
    if (!entry) return;
    entry.delta.isDirty = true;
    if (session.account) confirm(entry);
  };

  /**
   * Writes new sessions and the changes since the last flush, then reads which recent sessions were ended. On a
   * database error nothing is lost: the pending rows and counters stay and go with the next flush.
   */
  const flush = async (locate: (rows: TNewProxySession[]) => Promise<TNewProxySession[]>) => {
    const all = [...entries.values()].filter((e) => e.isConfirmed);
    const inserts = all.flatMap((e) => (e.insert ? [e.insert] : []));
    if (inserts.length) {
      await insertProxySessions(await locate(inserts));
      for (const e of all) e.insert = null;
    }
    const dirty = all.filter((e) => e.delta.isDirty && !e.insert);
    const taken = dirty.map((e) => ({ entry: e, delta: { ...e.delta } }));
    for (const e of dirty) e.delta = { requests: 0, downloads: 0, bytesSent: 0, lastActivityAt: null, isDirty: false };
    try {
      await applyProxySessionDeltas(
        taken.map(({ entry: { session }, delta }) => ({
          id: session.id,
          requests: delta.requests,
          downloads: delta.downloads,
          bytesSent: delta.bytesSent,
          lastActivityAt: delta.lastActivityAt ?? new Date(session.lastSeenAt),
          account: session.account,
          device: session.device,
        })),
      );
    } catch (error) {
      // Put the counters back, added to whatever arrived meanwhile.
      for (const { entry, delta } of taken) {
        entry.delta.requests += delta.requests;
        entry.delta.downloads += delta.downloads;
        entry.delta.bytesSent += delta.bytesSent;
        entry.delta.lastActivityAt ??= delta.lastActivityAt;
        entry.delta.isDirty = true;
      }
      throw error;
    }
    const now = Date.now();
    const recent = all.filter((e) => !e.session.isEnded && now - e.session.lastSeenAt < ENDED_CHECK_WINDOW_MS).map((e) => e.session.id);
    for (const id of await listEndedProxySessionIds(recent)) {
      const entry = entries.get(id);
      if (entry) entry.session.isEnded = true;
    }
    for (const [id, e] of entries) if (now - e.session.lastSeenAt > EVICT_AFTER_MS && !e.delta.isDirty && !e.insert) entries.delete(id);
    for (const [id, startedAt] of unconfirmed) {
      if (now - startedAt <= UNCONFIRMED_TTL_MS) break;
      unconfirmed.delete(id);
      entries.delete(id);
    }
  };

  return { resolve, record, touch, flush, size: () => entries.size, unconfirmedCount: () => unconfirmed.size };
};

export type TSessionTracker = ReturnType<typeof createSessionTracker>;
