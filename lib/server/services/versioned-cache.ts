/**
 * Figures a web process read, each with the version of the data it was read at (a change counter, or the
 * rollups' cursors). The reader sends the version it holds with its next statement, which skips the work while
 * that version is still current: equal versions mean equal figures, so what is reused is exactly what a new
 * read would return. At most `max` keys; when full, the cache starts over.
 */
export const createVersionedCache = <T>(max: number) => {
  const entries = new Map<string, Readonly<{ version: string; value: T }>>();
  return {
    get: (key: string) => entries.get(key),
    /** Keeps `value` as read at `version`; a null version (no counter yet) is not kept. */
    set: (key: string, version: string | null, value: T) => {
      if (version === null) return;
      if (entries.size >= max && !entries.has(key)) entries.clear();
      entries.set(key, { version, value });
    },
  };
};
