import { describe, expect, it } from "vitest";
import { clientIpBehindProxies } from "./forwarded-for";

const ip = (forwardedFor: string | string[] | undefined, trustedHops: number) =>
  clientIpBehindProxies({ forwardedFor, socketAddress: "192.0.2.10", trustedHops });

describe("clientIpBehindProxies", () => {
  it("ignores the header without a trusted proxy", () => {
    expect(ip("198.51.100.7", 0)).toBe("192.0.2.10");
  });

  it("takes the value the trusted hops from the right, never a client-set left-most one", () => {
    expect(ip("203.0.113.66, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(ip("203.0.113.66, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(ip(["203.0.113.66", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("falls back to the left-most value or the socket", () => {
    expect(ip("198.51.100.7", 3)).toBe("198.51.100.7");
    expect(ip(" , ", 1)).toBe("192.0.2.10");
    expect(ip(undefined, 1)).toBe("192.0.2.10");
  });
});
