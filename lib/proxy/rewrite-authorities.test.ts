import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { upstreamOf, proxiedAuthorities } from "./names";
import { createAuthorityReplacer, isRewritableBody, requestReplacements, responseReplacements } from "./rewrite-authorities";

const sim = upstreamOf("acme.atlassian.net", "http://127.0.0.1:5100");
const real = upstreamOf("acme.atlassian.net", "https://api.atlassian.com");
const proxied = proxiedAuthorities("acme.atlassian.net", "proxy.localhost", 4443);

const rewriteStream = async (pairs: ReturnType<typeof responseReplacements>, chunks: string[]) =>
  (await buffer(Readable.from(chunks.map((c) => Buffer.from(c, "utf8"))).pipe(createAuthorityReplacer(pairs).createTransform()))).toString("utf8");

describe("authority rewriting", () => {
  const page =
    '<a href="http://acme.atlassian.net.localhost:5100/wiki/x">x</a><img src="http://api.media.atlassian.com.localhost:5100/file/1/binary?name=r.pdf">' +
    '<script>const u = "http:\\/\\/acme.atlassian.net.localhost:5100/rest"; const h = location.host || "acme.atlassian.net.localhost:5100";</script>';
  const expected =
    '<a href="https://acme.atlassian.net.proxy.localhost:4443/wiki/x">x</a><img src="https://api.media.atlassian.com.proxy.localhost:4443/file/1/binary?name=r.pdf">' +
    '<script>const u = "https:\\/\\/acme.atlassian.net.proxy.localhost:4443/rest"; const h = location.host || "acme.atlassian.net.proxy.localhost:4443";</script>';

  it("rewrites a simulator's authorities, schemes and JSON-escaped URLs to the proxy's", () => {
    expect(createAuthorityReplacer(responseReplacements(sim, proxied)).replaceAll(page)).toBe(expected);
  });

  it("finds matches split across chunks at every position", async () => {
    for (let cut = 1; cut < page.length; cut += 7) {
      expect(await rewriteStream(responseReplacements(sim, proxied), [page.slice(0, cut), page.slice(cut)])).toBe(expected);
    }
    expect(await rewriteStream(responseReplacements(sim, proxied), [...page])).toBe(expected);
  });

  it("covers every place a page names its host: srcset, formaction, meta refresh, data attributes, protocol-relative URLs", () => {
    const html =
      '<img srcset="http://acme.atlassian.net.localhost:5100/a.png 1x, http://acme.atlassian.net.localhost:5100/b.png 2x">' +
      '<button formaction="http://acme.atlassian.net.localhost:5100/do"></button><meta http-equiv="refresh" content="0; url=http://acme.atlassian.net.localhost:5100/x">' +
      '<div data-config=\'{"base":"http://acme.atlassian.net.localhost:5100"}\'></div><script src="//acme.atlassian.net.localhost:5100/app.js"></script>';
    const out = createAuthorityReplacer(responseReplacements(sim, proxied)).replaceAll(html);
    expect(out).not.toContain("localhost:5100");
    expect(out.match(/https:\/\/acme\.atlassian\.net\.proxy\.localhost:4443/g)).toHaveLength(5);
    expect(out).toContain('src="//acme.atlassian.net.proxy.localhost:4443/app.js"');
  });

  it("leaves other hosts that merely contain the name alone, and multi-byte text intact", () => {
    const text = "xacme.atlassian.net acme.atlassian.net.evil.com acme.atlassian.net/wiki — é 漢字";
    expect(createAuthorityReplacer(responseReplacements(real, proxied)).replaceAll(text)).toBe(
      "xacme.atlassian.net acme.atlassian.net.evil.com acme.atlassian.net.proxy.localhost:4443/wiki — é 漢字",
    );
  });

  it("turns Origin and Referer back into the upstream's form", () => {
    const inbound = createAuthorityReplacer(requestReplacements(sim, proxied));
    expect(inbound.replaceAll("https://acme.atlassian.net.proxy.localhost:4443")).toBe("http://acme.atlassian.net.localhost:5100");
    expect(inbound.replaceAll("https://acme.atlassian.net.proxy.localhost:4443/wiki?a=1")).toBe("http://acme.atlassian.net.localhost:5100/wiki?a=1");
    expect(createAuthorityReplacer(requestReplacements(real, proxied)).replaceAll("https://acme.atlassian.net.proxy.localhost:4443/x")).toBe("https://acme.atlassian.net/x");
  });
});

describe("isRewritableBody", () => {
  it("rewrites pages, scripts and JSON, never downloads, partial bodies or unknown encodings", () => {
    expect(isRewritableBody({ contentType: "text/html; charset=utf-8" }, 200)).toBe(true);
    expect(isRewritableBody({ contentType: "application/javascript", encoding: "gzip" }, 200)).toBe(true);
    expect(isRewritableBody({ contentType: "application/json", disposition: "attachment; filename=a.json" }, 200)).toBe(false);
    expect(isRewritableBody({ contentType: "text/html" }, 206)).toBe(false);
    expect(isRewritableBody({ contentType: "text/html", encoding: "zstd" }, 200)).toBe(false);
    expect(isRewritableBody({ contentType: "application/pdf" }, 200)).toBe(false);
  });
});
