import { Transform } from "node:stream";
import type { TProxied, TUpstream } from "./names";

/** A literal to find and what it becomes; several pairs are applied in one pass, longest first. */
export type TReplacement = Readonly<{ from: string; to: string }>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
// An authority counts only as a whole name: `xacme.atlassian.net` or `acme.atlassian.net.evil.com` are other hosts.
const BEFORE = "(?<![A-Za-z0-9.-])";
const AFTER = "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])";

export type TAuthorityReplacer = Readonly<{
  /** Rewrites a whole string (a header value). */
  replaceAll: (text: string) => string;
  /** A streaming rewrite of a body: bytes pass through as latin1, so any charset survives; a match split across chunks is found. */
  createTransform: () => Transform;
}>;

export const createAuthorityReplacer = (pairs: readonly TReplacement[]): TAuthorityReplacer => {
  const sorted = [...pairs].filter((p) => p.from && p.from !== p.to).sort((a, b) => b.from.length - a.from.length);
  const table = new Map(sorted.map((p) => [p.from.toLowerCase(), p.to]));
  const pattern = new RegExp(`${BEFORE}(?:${sorted.map((p) => escapeRegex(p.from)).join("|")})${AFTER}`, "gi");
  // Enough held back that any match (and the two characters its boundary check reads) fits in one buffer.
  const holdBack = Math.max(0, ...sorted.map((p) => p.from.length)) + 2;

  /** Rewrites `text` from index 1 (index 0 is context for the boundary check); returns output and the unscanned rest. */
  const scan = (text: string, isFinal: boolean): { out: string; rest: string } => {
    if (sorted.length === 0) return { out: text.slice(1), rest: "" };
    const limit = isFinal ? text.length : text.length - holdBack;
    let out = "";
    let i = 1;
    pattern.lastIndex = 1;
    for (let m = pattern.exec(text); m && m.index < limit; m = pattern.exec(text)) {
      out += text.slice(i, m.index) + (table.get(m[0].toLowerCase()) ?? m[0]);
      i = m.index + m[0].length;
    }
    const cut = Math.max(i, limit);
    return { out: out + text.slice(i, cut), rest: text.slice(cut) };
  };

  return {
    replaceAll: (text) => scan(` ${text}`, true).out,
    createTransform: () => {
      let context = " ";
      let pending = "";
      return new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          const text = context + pending + chunk.toString("latin1");
          const { out, rest } = scan(text, false);
          const consumed = text.length - rest.length;
          context = text[consumed - 1] ?? context;
          pending = rest;
          callback(null, out.length ? Buffer.from(out, "latin1") : undefined);
        },
        flush(callback) {
          const { out } = scan(context + pending, true);
          callback(null, out.length ? Buffer.from(out, "latin1") : undefined);
        },
      });
    },
  };
};

const schemed = (upstream: TUpstream, from: string, to: string): TReplacement[] => [
  // A simulator's pages say http://; the browser must stay on the proxy's https://, also inside JSON strings.
  ...(upstream.protocol === "http:" ? [{ from: `http://${from}`, to: `https://${to}` }, { from: `http:\\/\\/${from}`, to: `https:\\/\\/${to}` }] : []),
  { from, to },
];

/** Upstream authorities → proxied ones (response bodies and headers). */
export const responseReplacements = (upstream: TUpstream, proxied: TProxied): TReplacement[] => [
  ...schemed(upstream, upstream.siteAuthority, proxied.siteAuthority),
  ...schemed(upstream, upstream.mediaAuthority, proxied.mediaAuthority),
];

/** Proxied authorities → upstream ones (Origin, Referer and the like on the way in). */
export const requestReplacements = (upstream: TUpstream, proxied: TProxied): TReplacement[] => {
  const back = (from: string, to: string): TReplacement[] => [
    ...(upstream.protocol === "http:" ? [{ from: `https://${from}`, to: `http://${to}` }] : []),
    { from, to },
  ];
  return [...back(proxied.siteAuthority, upstream.siteAuthority), ...back(proxied.mediaAuthority, upstream.mediaAuthority)];
};

const REWRITABLE = /^(text\/html|application\/xhtml\+xml|text\/css|text\/javascript|application\/(x-)?javascript|application\/json|application\/[a-z0-9.+-]+\+json|text\/xml|application\/xml)\b/i;

/**
 * Whether a response body is rewritten: pages, scripts, styles and API JSON. Not a download (Content-Disposition:
 * attachment, which must stay byte-identical), not a partial body (206), not an encoding we cannot undo.
 */
export const isRewritableBody = (headers: Readonly<{ contentType?: string; disposition?: string; encoding?: string }>, status: number): boolean =>
  status !== 206 &&
  REWRITABLE.test(headers.contentType ?? "") &&
  !/^\s*attachment/i.test(headers.disposition ?? "") &&
  ["", "identity", "gzip", "x-gzip", "deflate", "br"].includes((headers.encoding ?? "").trim().toLowerCase());
