import { describe, expect, it } from "vitest";
import { clearCookies, parseCookieHeader, proxyCookieName, rewriteSetCookie, siteHostsWithProxyCookie, upstreamCookieHeader } from "./cookies";

describe("Set-Cookie domains", () => {
  it("moves the site's (and a simulator's .localhost) Domain under the proxy domain", () => {
    expect(rewriteSetCookie("cloud.session.token=abc; Domain=acme.atlassian.net.localhost; Path=/; HttpOnly", "acme.atlassian.net", "proxy.localhost")).toBe(
      "cloud.session.token=abc; Domain=acme.atlassian.net.proxy.localhost; Path=/; HttpOnly",
    );
    expect(rewriteSetCookie("a=1; domain=.atlassian.net; Secure", "acme.atlassian.net", "wp.example.com")).toBe("a=1; Domain=atlassian.net.wp.example.com; Secure");
    expect(rewriteSetCookie("m=1; Domain=api.media.atlassian.com", "acme.atlassian.net", "proxy.localhost")).toBe("m=1; Domain=api.media.atlassian.com.proxy.localhost");
  });

  it("drops a Domain naming anything else, and keeps cookies without one as they are", () => {
    expect(rewriteSetCookie("t=1; Domain=other.atlassian.net; Path=/", "acme.atlassian.net", "proxy.localhost")).toBe("t=1; Path=/");
    expect(rewriteSetCookie("t=1; Domain=evil.com", "acme.atlassian.net", "proxy.localhost")).toBe("t=1");
    expect(rewriteSetCookie("t=1; Path=/", "acme.atlassian.net", "proxy.localhost")).toBe("t=1; Path=/");
  });
});

describe("request cookies", () => {
  const cookies = parseCookieHeader(`cloud.session.token=abc; ${proxyCookieName("acme.atlassian.net")}=s1; junk; =x; ${proxyCookieName("beta.atlassian.net")}=s2`);

  it("strips the proxy's own cookies before forwarding and tolerates junk", () => {
    expect(upstreamCookieHeader(cookies)).toBe("cloud.session.token=abc");
    expect(upstreamCookieHeader(parseCookieHeader(`${proxyCookieName("acme.atlassian.net")}=s1`))).toBeUndefined();
    expect(siteHostsWithProxyCookie(cookies)).toEqual(["acme.atlassian.net", "beta.atlassian.net"]);
  });

  it("clears the site's cookies and only this site's proxy cookie when a session ended", () => {
    expect(clearCookies(cookies, "acme.atlassian.net", "acme.atlassian.net.proxy.localhost", "proxy.localhost")).toEqual([
      "cloud.session.token=; Path=/; Max-Age=0",
      "cloud.session.token=; Domain=acme.atlassian.net.proxy.localhost; Path=/; Max-Age=0",
      `${proxyCookieName("acme.atlassian.net")}=; Domain=proxy.localhost; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`,
    ]);
  });
});
