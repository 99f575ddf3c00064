import { describe, expect, it } from "vitest";
import { ZCreateIpRangeInput, ZThreatListUpload } from "./ip-ranges";

const messages = (input: unknown) => {
  const result = ZCreateIpRangeInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("ZCreateIpRangeInput", () => {
  it("canonicalizes CIDRs and de-duplicates tags", () => {
    expect(ZCreateIpRangeInput.parse({ name: " HQ ", cidrs: ["10.1.2.3/8", "2001:DB8::/32"], category: "corporate", tags: ["Office", "office"] })).toMatchObject({
      name: "HQ",
      cidrs: ["10.0.0.0/8", "2001:db8::/32"],
      tags: ["office"],
    });
  });

  it("names the invalid CIDR, the unknown tag and the overlapping pair", () => {
    expect(messages({ name: "x", cidrs: ["10.0.0.0/8", "10.0.0.300/32"], category: "vpn" })).toEqual([expect.stringContaining('cidrs.1: Invalid CIDR "10.0.0.300/32"')]);
    expect(messages({ name: "x", cidrs: ["10.0.0.0/8"], category: "vpn", tags: ["evil"] })).toEqual([expect.stringContaining('tags.0: Unknown tag "evil"')]);
    expect(messages({ name: "x", cidrs: ["10.0.0.0/8", "10.20.0.0/16"], category: "vpn" })).toEqual(["cidrs: CIDRs 10.0.0.0/8 and 10.20.0.0/16 overlap"]);
    expect(messages({ name: "x", cidrs: ["2001:db8::/32", "2001:db8:1::/48"], category: "vpn" })).toEqual(["cidrs: CIDRs 2001:db8::/32 and 2001:db8:1::/48 overlap"]);
    expect(messages({ name: "x", cidrs: [], category: "office" })).toHaveLength(2);
    expect(messages({ name: "x", cidrs: ["10.0.0.0/8"], category: "vpn", location: { countryCode: "GB", lat: 51 } })).toEqual(["location.lat: Give both latitude and longitude, or neither"]);
    expect(messages({ name: "x", cidrs: ["10.0.0.0/8"], category: "vpn", extra: 1 })).toHaveLength(1);
  });

  it("accepts a threat list upload with repeated and nested entries", () => {
    expect(ZThreatListUpload.parse({ source: "Tor Project", cidrs: ["185.220.101.1", "185.220.101.0/24"] }).cidrs).toEqual(["185.220.101.1/32", "185.220.101.0/24"]);
  });
});
