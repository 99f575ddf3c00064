/**
 * IPv4 and IPv6 addresses and CIDR blocks as integer intervals (bigint), with canonical text forms.
 * Pure and isomorphic: the shared form schemas use it in the browser too.
 */
export type TIpFamily = 4 | 6;

export type TCidr = Readonly<{
  family: TIpFamily;
  prefix: number;
  /** First and last address of the block, inclusive. */
  start: bigint;
  end: bigint;
  /** Network address / prefix, RFC 5952 text for IPv6 ("2001:db8::/32", "10.0.0.0/8"). */
  canonical: string;
}>;

export type TParsedIp = Readonly<{ family: TIpFamily; value: bigint }>;

const V4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const V6_GROUP = /^[0-9a-f]{1,4}$/i;

const parseV4 = (text: string): bigint | null => {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => V4_OCTET.test(p))) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
};

const parseV6 = (text: string): bigint | null => {
  if (text.includes("%")) return null;
  let head = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) is rewritten as its two hex groups.
  const lastColon = text.lastIndexOf(":");
  const last = text.slice(lastColon + 1);
  if (last.includes(".")) {
    const v4 = parseV4(last);
    if (v4 === null) return null;
    head = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const toGroups = (s: string | undefined): bigint[] | null => {
    if (!s) return [];
    const groups = s.split(":");
    if (!groups.every((g) => V6_GROUP.test(g))) return null;
    return groups.map((g) => BigInt(Number.parseInt(g, 16)));
  };
  const left = toGroups(halves[0]);
  const right = toGroups(halves[1]);
  if (!left || !right) return null;
  const rightAll = right;
  const isCompressed = halves.length === 2;
  const missing = 8 - left.length - rightAll.length;
  if (isCompressed ? missing < 1 : missing !== 0) return null;
  const groups = [...left, ...Array<bigint>(missing).fill(0n), ...rightAll];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
};

/** Parses an IPv4 or IPv6 address; IPv4-mapped IPv6 (::ffff:a.b.c.d) is read as IPv4. Null when invalid. */
export const parseIp = (text: string): TParsedIp | null => {
  const trimmed = text.trim();
  if (!trimmed.includes(":")) {
    const v4 = parseV4(trimmed);
    return v4 === null ? null : { family: 4, value: v4 };
  }
  const v6 = parseV6(trimmed);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
};

export const formatIp = (family: TIpFamily, value: bigint): string => {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
};

const BITS: Record<TIpFamily, number> = { 4: 32, 6: 128 };

/**
 * Parses "a.b.c.d/nn", "v6::/nn" or a bare address (a /32 or /128). Host bits are cleared, so
 * "10.1.2.3/8" is read as 10.0.0.0/8. Null when invalid.
 */
export const parseCidr = (text: string): TCidr | null => {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  // An IPv4-mapped IPv6 prefix counts from the IPv6 width.
  const isMapped = ip.family === 4 && address.includes(":");
  const bits = BITS[ip.family];
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText) - (isMapped ? 96 : 0);
    if (prefix < 0 || prefix > bits) return null;
  }
  const hostBits = BigInt(bits - prefix);
  const start = (ip.value >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { family: ip.family, prefix, start, end, canonical: `${formatIp(ip.family, start)}/${prefix}` };
};

export const cidrsOverlap = (a: TCidr, b: TCidr): boolean => a.family === b.family && a.start <= b.end && b.start <= a.end;

/** Pairs of overlapping blocks in one list (sorted sweep, O(n log n)). */
export const findOverlaps = (cidrs: readonly TCidr[]): [TCidr, TCidr][] => {
  const sorted = [...cidrs].sort((a, b) => a.family - b.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: [TCidr, TCidr][] = [];
  let widest: TCidr | undefined;
  for (const cidr of sorted) {
    if (widest && cidrsOverlap(widest, cidr)) out.push([widest, cidr]);
    if (!widest || widest.family !== cidr.family || cidr.end > widest.end) widest = cidr;
  }
  return out;
};
