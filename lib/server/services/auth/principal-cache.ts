import type { Principal } from "../principal";

// Who a session or an API token belongs to is read from the database on every request (role, disabled,
// revoked). Under load that lookup is one round trip of every request (bench:load, docs/benchmarks.md), so
// the web process reuses a resolved principal for up to TTL_MS. Changes made through this process (a user
// disabled or given another role, a token revoked) clear the cache at once; a change made elsewhere (another
// web process, SQL by hand) takes effect within TTL_MS. Unknown or refused credentials are never cached.
const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { at: number; principal: Promise<Omit<Principal, "ip"> | null> }>();

/** The principal for `key` ("cookie:<cookie header>", "token:<token>") from the cache or `load`, with this request's IP. */
export const cachedPrincipal = async (key: string, ip: string | null, load: () => Promise<Principal | null>): Promise<Principal | null> => {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < TTL_MS) {
    const principal = await hit.principal;
    if (principal) return { ...principal, ip };
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const principal = load();
  entries.set(key, { at: now, principal });
  const loaded = await principal.catch((error: unknown) => {
    entries.delete(key);
    throw error;
  });
  if (!loaded) entries.delete(key);
  return loaded && { ...loaded, ip };
};

/** Forgets every cached principal: after a user's role or disabled flag changes, or a token is revoked. */
export const forgetCachedPrincipals = (): void => entries.clear();
