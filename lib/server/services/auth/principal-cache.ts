import { getEnv } from "../../../env";
import { EVERY_USER, listenForPrincipalChanges, publishPrincipalChange, type TPrincipalListener } from "../../repositories/principal-change-repository";
import { logger } from "../../logger";
import type { Principal } from "../principal";

// Who a session or an API token belongs to is read from the database on every request (role, disabled,
// revoked). Under load that lookup is one round trip of every request (bench:load, docs/benchmarks.md), so
// the web process reuses a resolved principal for up to TTL_MS. A change (a user disabled or given another
// role, a token revoked, a session signed out, a password changed) clears the cache at once in this process
// and, through PostgreSQL NOTIFY, in every other web process (repositories/principal-change-repository.ts):
// a few milliseconds, not TTL_MS. The TTL stays the bound for what no notification reports (SQL by hand, a
// session's expiry, a listener reconnecting). Unknown or refused credentials are never cached.
const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

type Entry = { at: number; seq: number; principal: Promise<Omit<Principal, "ip"> | null> };

const entries = new Map<string, Entry>();
// Loads are numbered; forgetting a user records the number reached, so that a load already under way when the
// user's sessions ended (it may have read the row before the change) is not served afterwards either.
let seq = 0;
const forgotten = new Map<string, { seq: number; at: number }>();

const isForgotten = (entry: Entry, userId: string | undefined) => userId !== undefined && entry.seq <= (forgotten.get(userId)?.seq ?? 0);

/** The principal for `key` ("cookie:<cookie header>", "token:<token>") from the cache or `load`, with this request's IP. */
export const cachedPrincipal = async (key: string, ip: string | null, load: () => Promise<Principal | null>): Promise<Principal | null> => {
  if (!listener && getEnv().WATCHPOST_SERVICE === "web") listenForOtherProcesses();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < TTL_MS) {
    const principal = await hit.principal;
    if (principal && !isForgotten(hit, principal.userId)) return { ...principal, ip };
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const entry: Entry = { at: now, seq: ++seq, principal: load() };
  entries.set(key, entry);
  const loaded = await entry.principal.catch((error: unknown) => {
    entries.delete(key);
    throw error;
  });
  if (!loaded) entries.delete(key);
  return loaded && { ...loaded, ip };
};

const forgetAll = (): void => entries.clear();

const forgetUser = (userId: string): void => {
  const now = Date.now();
  forgotten.set(userId, { seq: ++seq, at: now });
  // A mark older than the TTL matters to no entry any more (every entry loaded before it has expired).
  for (const [id, mark] of forgotten) if (now - mark.at > TTL_MS) forgotten.delete(id);
};

/** Tells the other processes; a failure is logged, not thrown: the change is made, and their TTL bounds it. */
const publish = (userId: string) =>
  publishPrincipalChange(userId).catch((error: Error & { code?: string }) =>
    logger.warn({ code: error.code, message: error.message }, "could not tell other web processes of a sign-in change: they see it within 2 s"),
  );

/** Forgets every cached principal, here and in every web process: after a user's role or disabled flag changes, or a token is revoked. */
export const forgetCachedPrincipals = async (): Promise<void> => {
  forgetAll();
  await publish(EVERY_USER);
};

/** Forgets one user's cached sessions and tokens, including loads under way, here and in every web process: after a sign-out or a password change. */
export const forgetCachedPrincipalsOf = async (userId: string): Promise<void> => {
  forgetUser(userId);
  await publish(userId);
};

let listener: TPrincipalListener | null = null;

/**
 * Starts this process's listener for other processes' changes (once; the web process on its first cached
 * lookup). Whatever was cached before it listened is dropped on each (re)connection.
 */
export const listenForOtherProcesses = (): TPrincipalListener =>
  (listener ??= listenForPrincipalChanges({ onChange: (userId) => (userId === EVERY_USER ? forgetAll() : forgetUser(userId)), onRestored: forgetAll, logger }));

/** Stops listening (tests). */
export const stopListeningForOtherProcesses = async (): Promise<void> => {
  const current = listener;
  listener = null;
  await current?.close();
};
