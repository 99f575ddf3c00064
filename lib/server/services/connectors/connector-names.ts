import { findConnectorNames } from "../../repositories/connector-repository";

// Connector names are set when a connector is created and never renamed; a deleted connector takes its
// activities with it. So the activity log reuses the names for a few seconds instead of reading the
// connectors table on every page (bench:load, docs/benchmarks.md), and reads them again at once when a
// row names a connector the cached map does not know (one created since).
const TTL_MS = 5_000;

let cached: { at: number; names: Promise<Map<string, string>> } | undefined;

/** Connector id → name, covering every id in `ids`: from a cache at most TTL_MS old, or from the database. */
export const getConnectorNames = async (ids: Iterable<string>): Promise<ReadonlyMap<string, string>> => {
  const now = Date.now();
  if (cached && now - cached.at < TTL_MS) {
    const names = await cached.names.catch(() => undefined);
    if (names && [...ids].every((id) => names.has(id))) return names;
  }
  const names = findConnectorNames();
  cached = { at: now, names };
  return names;
};
