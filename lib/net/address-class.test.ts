import { describe, expect, it } from "vitest";
import { classifyAddress, refusalOf } from "./address-class";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.9.9.9", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["::ffff:192.168.1.1", "private"],
    ["fc00::1", "private"],
    ["169.254.10.10", "link_local"],
    ["fe80::1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["169.254.169.254", "metadata"],
    ["::ffff:169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["64:ff9b::7f00:1", "reserved"],
    ["2002:7f00:1::", "reserved"],
    ["8.8.8.8", "public"],
    ["2606:4700::1111", "public"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it("reads names and sloppy forms as not an address (the URL parser or the resolver decides those)", () => {
    for (const text of ["127.attacker.example", "localhost", "127.1", "1.2.3.4.5", "fe80::1%eth0"]) expect(classifyAddress(text)).toBeNull();
  });
});

describe("refusalOf", () => {
  const strict = { allowPrivate: false, allowLoopback: false };
  it("refuses every non-public class by default, naming it", () => {
    expect(refusalOf("8.8.8.8", strict)).toBeNull();
    expect(refusalOf("10.0.0.1", strict)).toBe("a private address");
    expect(refusalOf("::ffff:127.0.0.1", strict)).toBe("a loopback address");
    expect(refusalOf("100.64.1.1", strict)).toBe("a carrier-grade NAT address");
  });

  it("allowLoopback opens loopback only; allowPrivate opens private space but never metadata", () => {
    expect(refusalOf("127.0.0.1", { allowPrivate: false, allowLoopback: true })).toBeNull();
    expect(refusalOf("10.0.0.1", { allowPrivate: false, allowLoopback: true })).toBe("a private address");
    const open = { allowPrivate: true, allowLoopback: false };
    for (const address of ["10.0.0.1", "127.0.0.1", "169.254.1.1", "100.64.0.1", "fd12::1"]) expect(refusalOf(address, open)).toBeNull();
    expect(refusalOf("169.254.169.254", open)).toBe("a cloud metadata address");
    expect(refusalOf("fd00:ec2::254", open)).toBe("a cloud metadata address");
    expect(refusalOf("0.0.0.0", open)).toBe("the unspecified address");
  });
});
