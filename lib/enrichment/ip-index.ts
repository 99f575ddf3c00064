import type { TCidr, TParsedIp } from "./cidr";

type FamilyIndex<T> = { starts: bigint[]; ends: bigint[]; values: T[] };

/**
 * Non-overlapping address intervals, sorted per family, found by binary search: O(log n) per address.
 * Built once per reload; lookups allocate nothing.
 */
export type TIpIndex<T> = Readonly<{ find: (ip: TParsedIp) => T | undefined; size: number }>;

const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const build = <T>(entries: readonly { cidr: TCidr; value: T }[]): FamilyIndex<T> => {
  const sorted = [...entries].sort((a, b) => compare(a.cidr.start, b.cidr.start));
  return { starts: sorted.map((e) => e.cidr.start), ends: sorted.map((e) => e.cidr.end), values: sorted.map((e) => e.value) };
};

const search = <T>(index: FamilyIndex<T>, value: bigint): T | undefined => {
  let lo = 0;
  let hi = index.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((index.starts[mid] as bigint) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && value <= (index.ends[found] as bigint) ? index.values[found] : undefined;
};

/** An index of blocks that do not overlap (custom ranges are checked on write). */
export const createIpIndex = <T>(entries: readonly { cidr: TCidr; value: T }[]): TIpIndex<T> => {
  const v4 = build(entries.filter((e) => e.cidr.family === 4));
  const v6 = build(entries.filter((e) => e.cidr.family === 6));
  return { find: (ip) => search(ip.family === 4 ? v4 : v6, ip.value), size: entries.length };
};

/** Merges overlapping or adjacent blocks of one list (threat lists may repeat or nest entries). */
export const mergeCidrs = (cidrs: readonly TCidr[]): TCidr[] => {
  const sorted = [...cidrs].sort((a, b) => a.family - b.family || compare(a.start, b.start));
  const out: TCidr[] = [];
  for (const cidr of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === cidr.family && cidr.start <= last.end + 1n) {
      if (cidr.end > last.end) out[out.length - 1] = { ...last, end: cidr.end };
    } else out.push(cidr);
  }
  return out;
};

/** A set of addresses (one threat list): membership by binary search over merged blocks. */
export const createIpSet = (cidrs: readonly TCidr[]): Readonly<{ has: (ip: TParsedIp) => boolean; size: number }> => {
  const index = createIpIndex(mergeCidrs(cidrs).map((cidr) => ({ cidr, value: true })));
  return { has: (ip) => index.find(ip) === true, size: cidrs.length };
};
