import ipaddr from "ipaddr.js";

/**
 * What an IP address is, for deciding whether Watchpost may connect to it (connectors, webhooks, SMTP).
 * Pure and isomorphic: the shared form schemas use it in the browser too. ipaddr.js keeps the special-purpose
 * registries (RFC 6890 and successors) current, which a hand-written table here would not.
 */
export type TAddressClass = "public" | "loopback" | "private" | "link_local" | "cgnat" | "metadata" | "unspecified" | "multicast" | "reserved";

/** Cloud instance-metadata endpoints (AWS/GCP/Azure IMDS, AWS IPv6 IMDS, Azure wireserver, Alibaba): never a target. */
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "168.63.129.16", "100.100.100.200"]);

const CLASS_OF_RANGE: Record<string, TAddressClass> = {
  unicast: "public",
  loopback: "loopback",
  private: "private",
  uniqueLocal: "private",
  linkLocal: "link_local",
  carrierGradeNat: "cgnat",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "multicast",
};

/**
 * Parses an IP literal as it appears in a URL host ("[::1]" included). Only strict forms: dotted-quad IPv4
 * (WHATWG URL parsing already turns "0x7f.1" or "2130706433" into 127.0.0.1) and IPv6. Null for a name.
 */
export const parseIpLiteral = (host: string): ipaddr.IPv4 | ipaddr.IPv6 | null => {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (bare.includes(":") && ipaddr.IPv6.isValid(bare) && !bare.includes("%")) return ipaddr.IPv6.parse(bare);
  return null;
};

/**
 * Classifies an address; IPv4-mapped IPv6 (::ffff:127.0.0.1) counts as the IPv4 address it carries.
 * Anything that is not plain global unicast and not named above (6to4, NAT64, Teredo, documentation and
 * benchmarking blocks…) is "reserved": those can tunnel to private space or are not real hosts.
 * Null when `text` is not an IP address.
 */
export const classifyAddress = (text: string): TAddressClass | null => {
  let address = parseIpLiteral(text);
  if (!address) return null;
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  if (METADATA.has(address.toNormalizedString()) || METADATA.has(address.toString())) return "metadata";
  return CLASS_OF_RANGE[address.range()] ?? "reserved";
};

const DESCRIPTIONS: Record<TAddressClass, string> = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private address",
  link_local: "a link-local address",
  cgnat: "a carrier-grade NAT address",
  metadata: "a cloud metadata address",
  unspecified: "the unspecified address",
  multicast: "a multicast or broadcast address",
  reserved: "a reserved or special-purpose address",
};

export const describeAddressClass = (kind: TAddressClass): string => DESCRIPTIONS[kind];

export type TTargetRules = Readonly<{
  /** Private, loopback, link-local and CGNAT targets (WATCHPOST_ALLOW_PRIVATE_TARGETS). Metadata never. */
  allowPrivate: boolean;
  /** Loopback only (the simulator over plain http, given as an IP literal). */
  allowLoopback: boolean;
}>;

/** Why Watchpost must not connect to this address under these rules, or null when it may. */
export const refusalOf = (address: string, rules: TTargetRules): string | null => {
  const kind = classifyAddress(address) ?? "reserved";
  if (kind === "public") return null;
  if (kind === "loopback" && (rules.allowLoopback || rules.allowPrivate)) return null;
  if ((kind === "private" || kind === "link_local" || kind === "cgnat" || kind === "loopback") && rules.allowPrivate) return null;
  return describeAddressClass(kind);
};
