import type { Principal } from "../principal";

// Who a session or an API token belongs to is read from the database on every request (role, disabled,
// revoked). Under load that lookup is one round trip of every request (bench:load, docs/benchmarks.md), so
// the web process reuses a resolved principal for up to TTL_MS. Changes made through this process (a user
// disabled or given another role, a token revoked, a session signed out, a password changed) clear the cache
// at once; a change made elsewhere (another web process, SQL by hand) takes effect within TTL_MS. Unknown or
// refused credentials are never cached.
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

/** Forgets every cached principal: after a user's role or disabled flag changes, or a token is revoked. */
export const forgetCachedPrincipals = (): void => entries.clear();

/** Forgets one user's cached sessions and tokens, including loads under way: after a sign-out or a password change. */
export const forgetCachedPrincipalsOf = (userId: string): void => {
  const now = Date.now();
  forgotten.set(userId, { seq: ++seq, at: now });
  // A mark older than the TTL matters to no entry any more (every entry loaded before it has expired).
  for (const [id, mark] of forgotten) if (now - mark.at > TTL_MS) forgotten.delete(id);
};
