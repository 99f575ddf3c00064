import { describe, expect, it } from "vitest";
import { findOverlaps, formatIp, parseCidr, parseIp } from "./cidr";

const must = (text: string) => {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`did not parse ${text}`);
  return cidr;
};

describe("parseCidr", () => {
  it.each([
    ["10.1.2.3/8", "10.0.0.0/8"],
    ["185.220.101.7", "185.220.101.7/32"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["2001:DB8::1/32", "2001:db8::/32"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1/128"],
    ["2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128"],
    ["::/0", "::/0"],
    ["fe80::/10", "fe80::/10"],
    ["::ffff:192.0.2.1", "192.0.2.1/32"],
    ["::ffff:192.0.2.0/120", "192.0.2.0/24"],
    ["64:ff9b::192.0.2.33/128", "64:ff9b::c000:221/128"],
  ])("canonicalizes %s to %s", (input, canonical) => {
    expect(must(input).canonical).toBe(canonical);
  });

  it.each(["", "10.0.0.0/33", "256.1.1.1/32", "10.0.0/24", "01.2.3.4", "1.2.3.4/8/1", "2001:db8::/129", "2001:db8:::1/64", "1:2:3:4:5:6:7:8:9/64", "fe80::1%eth0", "hello", "10.0.0.0/-1", "1::2::3"])(
    "refuses %j",
    (input) => {
      expect(parseCidr(input)).toBeNull();
    },
  );

  it("computes the first and last address", () => {
    const v4 = must("192.168.4.0/22");
    expect(formatIp(4, v4.end)).toBe("192.168.7.255");
    const v6 = must("2001:db8::/126");
    expect(formatIp(6, v6.end)).toBe("2001:db8::3");
  });
});

describe("parseIp", () => {
  it("reads IPv4-mapped IPv6 as IPv4 and keeps IPv6", () => {
    expect(parseIp("::ffff:10.0.0.1")).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp("2001:db8::1")?.family).toBe(6);
    expect(parseIp("300.1.1.1")).toBeNull();
  });
});

describe("findOverlaps", () => {
  it("finds nested, equal and partial overlaps in IPv4 and IPv6, never across families", () => {
    expect(findOverlaps([must("10.0.0.0/8"), must("10.20.0.0/16")]).map(([a, b]) => [a.canonical, b.canonical])).toEqual([["10.0.0.0/8", "10.20.0.0/16"]]);
    expect(findOverlaps([must("2001:db8::/32"), must("2001:db8:1::/48")])).toHaveLength(1);
    expect(findOverlaps([must("10.0.0.0/24"), must("10.0.1.0/24"), must("2001:db8::/32")])).toEqual([]);
    expect(findOverlaps([must("0.0.0.0/0"), must("::/0")])).toEqual([]);
    expect(findOverlaps([must("10.0.0.0/25"), must("10.0.0.128/25"), must("10.0.0.0/24")])).toHaveLength(2);
  });
});
