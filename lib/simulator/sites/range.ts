/** What a `Range` header asks of a file of `size` bytes (RFC 9110 §14): one range, or the whole file. */
export type TRangeRequest = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const FULL: TRangeRequest = { kind: "full" };

/**
 * Parses a single byte range: `bytes=a-b`, `bytes=a-`, `bytes=-n`. A header that is not a valid single byte
 * range is ignored (the whole file, as RFC 9110 allows); a valid one past the end is unsatisfiable (416).
 */
export const parseRange = (header: string | undefined, size: number): TRangeRequest => {
  if (header === undefined) return FULL;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return FULL;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return FULL;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return FULL;
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: "partial", start, end };
};
