import { describe, expect, it } from "vitest";
import { parseCidr, parseIp, type TCidr, type TParsedIp } from "./cidr";
import { createIpIndex, createIpSet, mergeCidrs } from "./ip-index";

const cidr = (text: string) => parseCidr(text) as TCidr;
const ip = (text: string) => parseIp(text) as TParsedIp;

describe("createIpIndex", () => {
  const index = createIpIndex([
    { cidr: cidr("10.0.0.0/8"), value: "ten" },
    { cidr: cidr("192.168.1.0/24"), value: "home" },
    { cidr: cidr("192.168.2.7"), value: "one" },
    { cidr: cidr("2001:db8::/32"), value: "doc6" },
  ]);

  it("finds the block covering an address, at both edges", () => {
    expect(index.find(ip("10.0.0.0"))).toBe("ten");
    expect(index.find(ip("10.255.255.255"))).toBe("ten");
    expect(index.find(ip("11.0.0.0"))).toBeUndefined();
    expect(index.find(ip("192.168.1.77"))).toBe("home");
    expect(index.find(ip("192.168.2.7"))).toBe("one");
    expect(index.find(ip("192.168.2.8"))).toBeUndefined();
    expect(index.find(ip("9.255.255.255"))).toBeUndefined();
  });

  it("keeps families apart", () => {
    expect(index.find(ip("2001:db8:ffff::1"))).toBe("doc6");
    expect(index.find(ip("2001:db9::1"))).toBeUndefined();
    expect(index.find(ip("::ffff:10.1.2.3"))).toBe("ten");
  });

  it("matches a linear scan on random addresses", () => {
    const blocks = Array.from({ length: 300 }, (_, i) => cidr(`${(i * 7) % 250}.${i % 200}.0.0/16`));
    const unique = mergeCidrs(blocks).length === blocks.length ? blocks : [...new Map(blocks.map((b) => [b.canonical, b])).values()];
    const big = createIpIndex(unique.map((b) => ({ cidr: b, value: b.canonical })));
    for (let i = 0; i < 2000; i++) {
      const address = ip(`${(i * 37) % 256}.${(i * 11) % 256}.${i % 256}.1`);
      const expected = unique.find((b) => address.family === 4 && address.value >= b.start && address.value <= b.end)?.canonical;
      expect(big.find(address)).toBe(expected);
    }
  });
});

describe("createIpSet", () => {
  it("merges nested and repeated entries", () => {
    expect(mergeCidrs([cidr("10.0.0.0/24"), cidr("10.0.0.5"), cidr("10.0.1.0/24"), cidr("10.0.0.0/24")]).map((c) => c.canonical)).toEqual(["10.0.0.0/24"]);
    const set = createIpSet([cidr("185.220.101.0/24"), cidr("185.220.101.9"), cidr("2a0b:f4c2::/40")]);
    expect(set.has(ip("185.220.101.200"))).toBe(true);
    expect(set.has(ip("185.220.102.1"))).toBe(false);
    expect(set.has(ip("2a0b:f4c2:2::1"))).toBe(true);
  });
});
