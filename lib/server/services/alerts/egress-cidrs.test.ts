import { describe, expect, it } from "vitest";
import { parseCidr } from "../../../enrichment/cidr";
import { assertPublicCidrs, defaultEgressCidrs, nonPublicKindOf, widenToEgressCidr } from "./egress-cidrs";

describe("egress CIDRs", () => {
  it("widens IPv4 to /24 and IPv6 to /64, canonical", () => {
    expect(widenToEgressCidr("81.2.69.142")).toBe("81.2.69.0/24");
    expect(widenToEgressCidr("2A01:4F8:0:1:2::7")).toBe("2a01:4f8:0:1::/64");
    expect(widenToEgressCidr("::ffff:81.2.69.142")).toBe("81.2.69.0/24");
    expect(widenToEgressCidr("not-an-ip")).toBeNull();
  });

  it("deduplicates the alert's IPs after widening, in order", () => {
    expect(defaultEgressCidrs(["81.2.69.142", "1.120.45.8", "81.2.69.7", "2a01:4f8::1", "2a01:4f8::2"])).toEqual(["81.2.69.0/24", "1.120.45.0/24", "2a01:4f8::/64"]);
  });

  it("refuses private, loopback and other non-public addresses, and alerts without IPs", () => {
    expect(() => defaultEgressCidrs(["81.2.69.142", "10.1.2.3"])).toThrow("10.1.2.3 is a private address, not an internet egress; send the CIDRs yourself");
    expect(() => defaultEgressCidrs(["127.0.0.1"])).toThrow(/loopback/);
    expect(() => defaultEgressCidrs(["::1"])).toThrow(/loopback/);
    expect(() => defaultEgressCidrs(["fd00::5"])).toThrow(/unique local/);
    expect(() => defaultEgressCidrs([])).toThrow(/no IP address/);
    expect(() => assertPublicCidrs(["81.2.69.0/24", "172.16.0.0/12"])).toThrow(/172\.16\.0\.0\/12 is a private address/);
    expect(() => assertPublicCidrs(["0.0.0.0/0"])).toThrow(/not an internet egress/);
    expect(() => assertPublicCidrs(["81.2.69.0/24", "2a01:4f8::/64"])).not.toThrow();
    expect(nonPublicKindOf(parseCidr("203.0.113.0/24")!)).toBeNull();
    expect(nonPublicKindOf(parseCidr("100.64.1.0/24")!)).toBe("a carrier-grade NAT address");
  });
});
