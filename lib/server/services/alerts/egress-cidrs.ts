import { cidrsOverlap, formatIp, parseCidr, parseIp, type TCidr } from "../../../enrichment/cidr";
import { AppError } from "../../../shared/errors";

/** Address blocks that are never an organization's internet egress. */
const NON_PUBLIC: readonly (readonly [string, string])[] = [
  ["0.0.0.0/8", "a 'this network' address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.0.0/16", "a link-local address"],
  ["172.16.0.0/12", "a private address"],
  ["192.168.0.0/16", "a private address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "the unspecified address"],
  ["::1/128", "a loopback address"],
  ["fc00::/7", "a private (unique local) address"],
  ["fe80::/10", "a link-local address"],
  ["ff00::/8", "a multicast address"],
];
const BLOCKS = NON_PUBLIC.map(([text, kind]) => ({ cidr: parseCidr(text) as TCidr, kind }));

/** What kind of non-public block a CIDR touches ("a private address" …), or null when it is all public. */
export const nonPublicKindOf = (cidr: TCidr): string | null => BLOCKS.find((b) => cidrsOverlap(b.cidr, cidr))?.kind ?? null;

/** An address widened to its /24 (IPv4) or /64 (IPv6), canonical; null when it is not an address. */
export const widenToEgressCidr = (ip: string): string | null => {
  const parsed = parseIp(ip);
  if (!parsed) return null;
  // Formatted first: an IPv4-mapped IPv6 address (::ffff:a.b.c.d) widens as the IPv4 address it is.
  return parseCidr(`${formatIp(parsed.family, parsed.value)}/${parsed.family === 4 ? 24 : 64}`)?.canonical ?? null;
};

const refuse = (reason: string): never => {
  throw new AppError("bad_request", reason, [{ name: "cidrs", reason }]);
};

/** Refuses CIDRs that reach into private, loopback or other non-public space (400 naming the first). */
export const assertPublicCidrs = (cidrs: readonly string[]): void => {
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    const kind = cidr ? nonPublicKindOf(cidr) : null;
    if (kind) refuse(`${text} is ${kind}, not an internet egress; send public CIDRs`);
  }
};

/**
 * The default CIDRs of "this is our egress": the alert's IPs, each widened to /24 or /64, deduplicated in
 * order. An alert without IPs, or with a private or loopback IP, is refused (400) with the reason.
 */
export const defaultEgressCidrs = (ips: readonly string[]): string[] => {
  if (ips.length === 0) refuse("This alert's activities carry no IP address; send the CIDRs yourself");
  const out: string[] = [];
  for (const ip of ips) {
    const parsed = parseCidr(ip);
    const kind = parsed ? nonPublicKindOf(parsed) : null;
    if (kind) refuse(`${ip} is ${kind}, not an internet egress; send the CIDRs yourself`);
    const widened = widenToEgressCidr(ip);
    if (widened && !out.includes(widened)) out.push(widened);
  }
  return out;
};

/** The widest block an analyst may mark as egress: a /24 (IPv4) or a /64 (IPv6). */
export const ANALYST_MAX_PREFIX = { 4: 24, 6: 64 } as const;
export const ANALYST_MAX_EGRESS_DAYS = 90;

/**
 * An analyst's egress CIDRs: each at most a /24 or /64 and containing one of the alert's own IPs, so one
 * alert cannot be used to trust a large part of the internet (admins use the IP-range editor for that).
 */
export const assertAnalystEgressCidrs = (cidrs: readonly string[], alertIps: readonly string[]): void => {
  const ips = alertIps.map((ip) => parseIp(ip)).filter((ip) => ip !== null);
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) continue; // the IP-range schema reports invalid CIDRs
    const widest = ANALYST_MAX_PREFIX[cidr.family];
    if (cidr.prefix < widest) refuse(`${text} is wider than /${widest}: analysts may mark at most a /24 (IPv4) or /64 (IPv6) per CIDR; ask an admin for wider ranges`);
    if (!ips.some((ip) => ip.family === cidr.family && cidr.start <= ip.value && ip.value <= cidr.end)) {
      refuse(`${text} contains none of this alert's IP addresses: analysts may mark only ranges the alert came from`);
    }
  }
};
