import { describe, expect, it } from "vitest";
import { hostWithoutPort, parseProxiedHost, proxiedAuthorities, upstreamOf } from "./names";

describe("parseProxiedHost", () => {
  it("finds the site or the media host under the proxy domain, with or without a port", () => {
    expect(parseProxiedHost("acme.atlassian.net.proxy.localhost:4443", "proxy.localhost")).toEqual({ kind: "site", siteHost: "acme.atlassian.net" });
    expect(parseProxiedHost("ACME.atlassian.net.proxy.localhost", "proxy.localhost")).toEqual({ kind: "site", siteHost: "acme.atlassian.net" });
    expect(parseProxiedHost("api.media.atlassian.com.proxy.localhost:4443", "proxy.localhost")).toEqual({ kind: "media" });
  });

  it("refuses hosts outside the domain, other names and malformed Host headers", () => {
    for (const host of ["acme.atlassian.net", "evil.com.proxy.localhost", "a.b.atlassian.net.proxy.localhost", "proxy.localhost", "acme.atlassian.net.proxy.localhost:x", "bad host", "", undefined, "x".repeat(300)]) {
      expect(parseProxiedHost(host, "proxy.localhost")).toBeNull();
    }
  });

  it("strips ports and refuses characters a host cannot have", () => {
    expect(hostWithoutPort("Acme.Example:443")).toBe("acme.example");
    expect(hostWithoutPort("a/b")).toBeNull();
  });
});

describe("upstreamOf", () => {
  it("goes to the site itself over HTTPS for a connector on Atlassian's API", () => {
    expect(upstreamOf("acme.atlassian.net", "https://api.atlassian.com")).toEqual({
      protocol: "https:",
      connectHost: "acme.atlassian.net",
      connectPort: 443,
      siteAuthority: "acme.atlassian.net",
      mediaAuthority: "api.media.atlassian.com",
    });
  });

  it("goes to a simulator's host and port with the .localhost site names", () => {
    expect(upstreamOf("acme.atlassian.net", "http://127.0.0.1:5100")).toEqual({
      protocol: "http:",
      connectHost: "127.0.0.1",
      connectPort: 5100,
      siteAuthority: "acme.atlassian.net.localhost:5100",
      mediaAuthority: "api.media.atlassian.com.localhost:5100",
    });
  });
});

describe("proxiedAuthorities", () => {
  it("carries the port unless it is 443", () => {
    expect(proxiedAuthorities("acme.atlassian.net", "proxy.localhost", 4443)).toEqual({
      siteAuthority: "acme.atlassian.net.proxy.localhost:4443",
      mediaAuthority: "api.media.atlassian.com.proxy.localhost:4443",
    });
    expect(proxiedAuthorities("acme.atlassian.net", "wp.example.com", 443).siteAuthority).toBe("acme.atlassian.net.wp.example.com");
  });
});
